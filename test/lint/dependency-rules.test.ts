import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/** The dependency direction of DESIGN.md is enforced by eslint.config.js; these prove it bites. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('dependency direction', () => {
  it('core never imports the hosts or the UI', async () => {
    expect(await restrictedMessages('core/imap/probe.ts', "import { x } from '../../renderer/src/x.js';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedMessages('core/imap/probe.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restrictedMessages('core/imap/probe.ts', "import { x } from '../../electron/main/x.js';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('core/mime and core/message stay free of Node APIs', async () => {
    expect(await restrictedMessages('core/mime/probe.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toHaveLength(1);
    expect(await restrictedMessages('core/message/probe.ts', "import { createHash } from 'crypto';\nexport const y = createHash;\n")).toHaveLength(1);
    expect(await restrictedMessages('core/net/probe.ts', "import { connect } from 'node:net';\nexport const y = connect;\n")).toHaveLength(0);
  });

  it('the renderer takes only types from core/api, values only from the pure modules', async () => {
    const file = 'renderer/src/features/probe.ts';
    expect(await restrictedMessages(file, "import type { X } from '../../../core/api/contract.js';\nexport type Y = X;\n")).toHaveLength(0);
    expect(await restrictedMessages(file, "import { parse } from '../../../core/mime/index.js';\nexport const y = parse;\n")).toHaveLength(0);
    expect(await restrictedMessages(file, "import { thread } from '../../../core/message/index.js';\nexport const y = thread;\n")).toHaveLength(0);
    expect(await restrictedMessages(file, "import { service } from '../../../core/api/service.js';\nexport const y = service;\n")).toHaveLength(1);
    expect(await restrictedMessages(file, "import type { MailError } from '../../../core/net/mail-error.js';\nexport type Y = MailError;\n")).toHaveLength(1);
    expect(await restrictedMessages(file, "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedMessages(file, "import { readFile } from 'node:fs/promises';\nexport const y = readFile;\n")).toHaveLength(1);
  });

  it('the hosts never import the renderer', async () => {
    expect(await restrictedMessages('electron/main/probe.ts', "import { x } from '../../renderer/src/x.js';\nexport const y = x;\n")).toHaveLength(1);
  });
});
