import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';

/** The broker says the stream or consumer does not exist (or JetStream lost its state). */
export function isNotFound(error: unknown): boolean {
  if (error instanceof JetStreamApiError)
    return (
      error.code === JetStreamApiCodes.StreamNotFound ||
      error.code === JetStreamApiCodes.ConsumerNotFound
    );
  return /not found/i.test((error as Error)?.message ?? '');
}

/** The broker refused the request for this user's permissions. */
export function isPermissionDenied(error: unknown): boolean {
  return /permissions violation/i.test((error as Error)?.message ?? '');
}
