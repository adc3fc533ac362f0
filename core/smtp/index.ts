/** The SMTP submission client. */
export { SmtpClient, openSmtp, type SmtpClientOptions, type SmtpOpenOptions } from './client.js';
export { parseCapabilities, NO_CAPABILITIES, type SmtpCapabilities } from './capabilities.js';
export { classifyReply, replyError, type SmtpPhase } from './errors.js';
export { DataEncoder, hasEightBit } from './data-encoder.js';
export { parseReply, ReplyParser, type SmtpReply } from './reply.js';
export { type Envelope, type MessageSource, type RejectedRecipient, type SendOptions, type SendResult } from './transaction.js';
export { xtext, type MailParameters, type RcptParameters } from './commands.js';
