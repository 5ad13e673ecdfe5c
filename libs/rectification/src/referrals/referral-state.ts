import type { Referral } from '../entities';

export type ReferralState = 'open' | 'overdue' | 'acknowledged' | 'disposed';

export function referralState(referral: Referral, now: Date): ReferralState {
  if (referral.disposedAt) return 'disposed';
  if (referral.acknowledgedAt) return 'acknowledged';
  return now > referral.acknowledgeBy ? 'overdue' : 'open';
}
