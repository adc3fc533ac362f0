/**
 * config-v1.1.xml placeholders: %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN% (Thunderbird's
 * file format, "Placeholders"). They appear in usernames and, for %EMAILDOMAIN%, in host names.
 */
import { MailError } from '../net/mail-error.js';
import type { EmailAddress } from './address.js';

const PLACEHOLDER = /%([A-Z]+)%/g;
export const PLACEHOLDERS = ['EMAILADDRESS', 'EMAILLOCALPART', 'EMAILDOMAIN'] as const;

/** Throws MailError('config-invalid') when a template uses a placeholder we do not know. */
export function checkTemplate(template: string, where: string): void {
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      throw new MailError('config-invalid', `Unknown placeholder %${match[1]}% in ${where}`);
    }
  }
}

/** Expands the placeholders for one address; unknown placeholders are an error. */
export function expandTemplate(template: string, address: EmailAddress): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'EMAILADDRESS':
        return address.address;
      case 'EMAILLOCALPART':
        return address.localPart;
      case 'EMAILDOMAIN':
        return address.domain;
      default:
        throw new MailError('config-invalid', `Unknown placeholder ${whole}`);
    }
  });
}
