import type { PlanWorker } from '../../src/queue/worker.js';

/** Resolves when the worker finishes the job (completed or failed), whichever comes first. */
export function finished(worker: PlanWorker, jobId: string): Promise<'completed' | 'failed'> {
  return new Promise((resolve) => {
    const onCompleted = (job: { id?: string }) => {
      if (job.id === jobId) done('completed');
    };
    const onFailed = (job: { id?: string } | undefined) => {
      if (job?.id === jobId) done('failed');
    };
    const done = (outcome: 'completed' | 'failed') => {
      worker.worker.off('completed', onCompleted);
      worker.worker.off('failed', onFailed);
      resolve(outcome);
    };
    worker.worker.on('completed', onCompleted);
    worker.worker.on('failed', onFailed);
  });
}

/** Resolves when the worker reports progress for the job: the search is running. */
export function searching(worker: PlanWorker, jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const onProgress = (job: { id?: string }) => {
      if (job.id !== jobId) return;
      worker.worker.off('progress', onProgress);
      resolve();
    };
    worker.worker.on('progress', onProgress);
  });
}

/** Resolves when the worker has ended the batch (its last plan has ended). */
export function batchEnded(worker: PlanWorker, batchId: string): Promise<void> {
  return new Promise((resolve) => {
    const onCompleted = (job: { id?: string }) => {
      if (job.id !== batchId) return;
      worker.batchWorker.off('completed', onCompleted);
      resolve();
    };
    worker.batchWorker.on('completed', onCompleted);
  });
}
