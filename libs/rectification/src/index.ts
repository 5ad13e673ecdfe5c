export * from './entities';
export * from './dto/rectification.dto';
export * from './rectification.module';
export * from './rectification.options';
export * from './rectification/deadline';
export * from './findings/evidence-type';
export {
  PROGRESS_REPORT_MONTHS_POLICY,
  DEFAULT_PROGRESS_REPORT_MONTHS,
} from './rectification/rectification.service';
export { ACKNOWLEDGE_DAYS_POLICY, DEFAULT_ACKNOWLEDGE_DAYS } from './referrals/referrals.service';
export { RectificationSchema1764115900000 } from './migrations/1764115900000-rectification-schema';
