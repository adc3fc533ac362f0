/** OAuth2 for mail accounts: sign-in with PKCE over a loopback redirect, token storage and refresh. */
export { signIn, authorizationUrl, checkGrantedScopes, type OpenBrowser, type SignInOptions } from './sign-in.js';
export { startLoopbackReceiver, type LoopbackReceiver, type LoopbackOptions } from './loopback.js';
export { createPkcePair, createState, s256Challenge, type PkcePair } from './pkce.js';
export { requestToken, parseTokenResponse, oauthError, type TokenResponse, type FetchFunction, type TokenRequestOptions } from './token-endpoint.js';
export { OAuthTokenManager, type OAuthAccount, type TokenManagerOptions } from './token-manager.js';
export { isTokenRejected, parseBearerServerError, type BearerServerError } from './server-error.js';
export {
  resolveOAuthSettings,
  scopesFor,
  providerKey,
  clientIdVariable,
  clientSecretVariable,
  isClientIdMissing,
  type OAuthClientConfig,
  type OAuthClientRegistration,
  type OAuthSettings,
  type ResolveOptions,
} from './settings.js';
