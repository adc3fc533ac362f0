/** SASL mechanisms and the exchange driver shared by SMTP, IMAP and POP3. */
export { authenticate, type AuthenticateOptions, type SaslServerStep, type SaslTransport } from './authenticate.js';
export { chooseMechanism, createMechanism, isMechanismName } from './choose.js';
export { MECHANISM_NAMES, type MechanismName, type SaslContext, type SaslCredentials, type SaslMechanism } from './mechanism.js';
export { cramMd5Mechanism } from './cram-md5.js';
export { loginMechanism } from './login.js';
export { oauthBearerMechanism } from './oauthbearer.js';
export { plainMechanism } from './plain.js';
export { xoauth2Mechanism } from './xoauth2.js';
export { MAX_SASL_STEPS } from './limits.js';
