/**
 * One kind of background job (a JSON import, an activities export): a row in its own table,
 * claimed and worked on by the protocol of api/store/job-claims.ts. Its work is one
 * transaction that writes the data and the outcome together, so an attempt cut off anywhere
 * leaves nothing half done and the next attempt starts over.
 */
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';

export interface JobKind {
  /** For logs and the runner's bookkeeping, e.g. `json_import`. */
  name: string;
  /** Marks the job `processing` (claimJob); false when it is not to be run now. */
  claim(tx: Tx, id: string, staleSeconds: number | null): Promise<boolean>;
  /** Work outside the transaction (figures recomputed first); false when it must wait for a later attempt. */
  prepare?(ctx: AppContext, id: string): Promise<boolean>;
  /** The work and its outcome, in one transaction holding the job's lock; false when another attempt has it or it is done. */
  run(ctx: AppContext, tx: Tx, id: string): Promise<boolean>;
  /** Records a fault of ours as the job's failure. */
  fail(tx: Tx, id: string, message: string): Promise<void>;
  /** The jobs of this kind not done yet. */
  unfinished(tx: Tx): Promise<string[]>;
}

/** A job to run: its kind and row ID. */
export interface JobRef {
  kind: JobKind;
  id: string;
}
