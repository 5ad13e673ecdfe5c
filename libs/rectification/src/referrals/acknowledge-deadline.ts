/** The policy that sets how many days a receiver has to acknowledge (签收) a referral. */
export const ACKNOWLEDGE_DAYS_POLICY = 'referral.acknowledge_days';
/** Without a policy version in force, a referral is acknowledged within 15 days. */
export const DEFAULT_ACKNOWLEDGE_DAYS = 15;
