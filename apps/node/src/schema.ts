import { ACCESS_ENTITIES, AccessSchema1764115500000 } from '@liandong/access';
import {
  PLANNING_ENTITIES,
  PlanningSchema1764115800000,
  PlanningTeams1764115850000,
  RegistryEncoding1764116200000,
  RegistrySchema1764115700000,
} from '@liandong/planning';
import {
  FindingReview1764116300000,
  RECTIFICATION_ENTITIES,
  RectificationSchema1764115900000,
} from '@liandong/rectification';
import {
  DirectiveSealed1764115600000,
  DirectivesSchema1764115300000,
  DIRECTIVE_ENTITIES,
} from '@liandong/directives';
import {
  AuditChain1764115400000,
  MESSAGING_ENTITIES,
  MessagingSchema1764115200000,
  SequenceSync1764116000000,
  TrustStore1764116100000,
} from '@liandong/messaging';

/** Every entity and every migration of a node, in the order the migrations must run. */
export const NODE_ENTITIES = [
  ...MESSAGING_ENTITIES,
  ...DIRECTIVE_ENTITIES,
  ...ACCESS_ENTITIES,
  ...PLANNING_ENTITIES,
  ...RECTIFICATION_ENTITIES,
];
export const NODE_MIGRATIONS = [
  MessagingSchema1764115200000,
  DirectivesSchema1764115300000,
  AuditChain1764115400000,
  AccessSchema1764115500000,
  DirectiveSealed1764115600000,
  RegistrySchema1764115700000,
  PlanningSchema1764115800000,
  PlanningTeams1764115850000,
  RectificationSchema1764115900000,
  SequenceSync1764116000000,
  TrustStore1764116100000,
  RegistryEncoding1764116200000,
  FindingReview1764116300000,
];
