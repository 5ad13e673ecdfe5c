import { RectificationSchema1764115900000 } from './migrations/1764115900000-rectification-schema';
import { FindingReview1764116300000 } from './migrations/1764116300000-finding-review';
import { RectificationProof1764116470000 } from './migrations/1764116470000-rectification-proof';
import { SupervisionNotes1764116810000 } from './migrations/1764116810000-supervision-notes';
import { ProblemCategories1764117463000 } from './migrations/1764117463000-problem-categories';
import { SpecialReports1764117500000 } from './migrations/1764117500000-special-reports';

export * from './entities';
export * from './dto/finding.dto';
export * from './dto/finding.views';
export * from './dto/problems.views';
export * from './dto/report.dto';
export * from './dto/report.views';
export * from './dto/referral.dto';
export * from './dto/referral.views';
export * from './dto/rectification.dto';
export * from './dto/rectification.views';
export * from './dto/supervision.dto';
export * from './dto/supervision.views';
export * from './special-reports/special-report.dto';
export * from './special-reports/special-report.views';
export * from './labels';
export * from './rectification.module';
export * from './rectification.options';
export * from './rectification/deadline';
export * from './rectification/rectification.work';
export * from './findings/dossier';
export * from './findings/evidence-filename';
export * from './findings/evidence-type';
export {
  ACKNOWLEDGE_DAYS_POLICY,
  DEFAULT_ACKNOWLEDGE_DAYS,
} from './referrals/acknowledge-deadline';
export {
  RectificationSchema1764115900000,
  FindingReview1764116300000,
  RectificationProof1764116470000,
  SupervisionNotes1764116810000,
  ProblemCategories1764117463000,
  SpecialReports1764117500000,
};

/** The rectification library's migrations, in order (a node interleaves them with the others by timestamp). */
export const RECTIFICATION_MIGRATIONS = [
  RectificationSchema1764115900000,
  FindingReview1764116300000,
  RectificationProof1764116470000,
  SupervisionNotes1764116810000,
  ProblemCategories1764117463000,
  SpecialReports1764117500000,
];
