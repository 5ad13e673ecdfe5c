import { Organization } from './organization.entity';
import {
  ChildCoverage,
  CoverageCredit,
  CrossOrder,
  Inspection,
  Person,
  Round,
  RoundLink,
  Secondment,
  TeamMember,
  Term,
} from './planning.entities';
import { RegistryImport } from './registry-import.entity';

export { Organization, RegistryImport };
export * from './registry-import.entity';
export * from './planning.entities';
export const REGISTRY_ENTITIES = [Organization, RegistryImport];
export const PLANNING_ENTITIES = [
  ...REGISTRY_ENTITIES,
  Term,
  Round,
  RoundLink,
  Inspection,
  CoverageCredit,
  ChildCoverage,
  CrossOrder,
  Person,
  Secondment,
  TeamMember,
];
