import { ChildCoverage } from './child-coverage.entity';
import { CoverageCredit } from './coverage-credit.entity';
import { CrossOrder } from './cross-order.entity';
import { Inspection } from './inspection.entity';
import { Organization } from './organization.entity';
import { Person } from './person.entity';
import { RegistryImport } from './registry-import.entity';
import { RoundLink } from './round-link.entity';
import { Round } from './round.entity';
import { Secondment } from './secondment.entity';
import { TeamMember } from './team-member.entity';
import { Term } from './term.entity';

export * from './child-coverage.entity';
export * from './coverage-credit.entity';
export * from './cross-order.entity';
export * from './inspection.entity';
export * from './organization.entity';
export * from './person.entity';
export * from './registry-import.entity';
export * from './round-link.entity';
export * from './round.entity';
export * from './secondment.entity';
export * from './team-member.entity';
export * from './term.entity';

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
