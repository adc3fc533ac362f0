import { describe, expect, it } from 'vitest';
import { RunProgress, type Progress } from '../../../core/sync/progress.js';

function folderReport(extra: Partial<Progress>): Progress {
  return { phase: 'messages', folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0, ...extra };
}

describe('RunProgress', () => {
  it('reports one run as connecting → folders and messages → outbox → a single done with the folder counts', () => {
    const heard: Progress[] = [];
    const run = new RunProgress((p) => heard.push(p));
    run.step('connecting');
    run.forward(folderReport({ phase: 'folders' }));
    run.forward(folderReport({ folder: 'INBOX', foldersDone: 0, foldersTotal: 3, messagesDone: 20, messagesTotal: 40, bytes: 2000 }));
    run.forward(folderReport({ folder: 'Sent', foldersDone: 1, foldersTotal: 3, messagesDone: 0, messagesTotal: 0, bytes: 4000 }));
    // The folder pass says it is done; the run is not, the Outbox still has to be tried.
    run.forward(folderReport({ phase: 'done', foldersDone: 3, foldersTotal: 3, bytes: 4500 }));
    run.step('outbox');
    run.done();

    expect(heard.map((p) => p.phase)).toEqual(['connecting', 'folders', 'messages', 'messages', 'outbox', 'done']);
    expect(heard[2]).toMatchObject({ folder: 'INBOX', foldersDone: 0, foldersTotal: 3, messagesDone: 20, messagesTotal: 40 });
    expect(heard[4]).toMatchObject({ phase: 'outbox', folder: null, foldersDone: 3, foldersTotal: 3, messagesTotal: 0 });
    expect(heard[5]).toEqual({ phase: 'done', folder: null, foldersDone: 3, foldersTotal: 3, messagesDone: 0, messagesTotal: 0, bytes: 4500 });
  });

  it('says nothing of done when the run never finished, and tolerates no listener', () => {
    const heard: Progress[] = [];
    const run = new RunProgress((p) => heard.push(p));
    run.step('connecting');
    run.forward(folderReport({ phase: 'done', foldersDone: 2, foldersTotal: 2 }));
    expect(heard.map((p) => p.phase)).toEqual(['connecting']);

    const silent = new RunProgress(undefined);
    silent.step('queue');
    silent.forward(folderReport({}));
    silent.done();
  });
});
