export * from './categories';
export * from './registry/registry.dto';
export * from './coverage/coverage.dto';
export * from './rounds/round.dto';
export * from './inspections/inspection.dto';
export * from './cross/cross.dto';
export * from './personnel/personnel.dto';
export * from './entities';
export * from './labels';
export * from './planning.module';
export * from './planning.options';
export * from './personnel/recusal';
export * from './inspections/team-roles';
export * from './cross/rotation-planner';
export * from './inspections/inspection-hooks';
export { InspectionDirectory } from './inspections/inspection-directory';
export { CoverageReporter } from './coverage/coverage-reporter';
export { YearFigures, statisticsYear } from './coverage/year-figures';
// Reads another library may show (oversight: what a granted ancestor reads of this node).
export { InspectionQueries } from './inspections/inspection.queries';
export { CoverageQueries } from './coverage/coverage.queries';
export { PlanningTeams1764115850000 } from './migrations/1764115850000-planning-teams';
export { RegistrySchema1764115700000 } from './migrations/1764115700000-registry-schema';
export { PlanningSchema1764115800000 } from './migrations/1764115800000-planning-schema';
export { RegistryEncoding1764116200000 } from './migrations/1764116200000-registry-encoding';
export { SecondmentWanted1764116520000 } from './migrations/1764116520000-secondment-wanted';

// The writes other libraries may ask planning for (their tests build data with them; their
// code asks through InspectionDirectory, TeamRoles and CoverageReporter).
export { ImportRegistry } from './registry/use-cases/import-registry.usecase';
export { RegistryQueries } from './registry/registry.queries';
export { CreateRound } from './rounds/use-cases/create-round.usecase';
export { ScheduleInspection } from './inspections/use-cases/schedule-inspection.usecase';
export { AddPerson } from './personnel/use-cases/add-person.usecase';
export { FormTeam } from './inspections/use-cases/form-team.usecase';
export { GiveFeedback } from './inspections/use-cases/give-feedback.usecase';
export { SetTerm } from './coverage/use-cases/set-term.usecase';

import { PlanningTeams1764115850000 } from './migrations/1764115850000-planning-teams';
import { RegistrySchema1764115700000 } from './migrations/1764115700000-registry-schema';
import { PlanningSchema1764115800000 } from './migrations/1764115800000-planning-schema';
import { RegistryEncoding1764116200000 } from './migrations/1764116200000-registry-encoding';
import { SecondmentWanted1764116520000 } from './migrations/1764116520000-secondment-wanted';
/** The planning library's migrations (a node interleaves them with the others by timestamp). */
export const PLANNING_MIGRATIONS = [
  RegistrySchema1764115700000,
  PlanningSchema1764115800000,
  PlanningTeams1764115850000,
  RegistryEncoding1764116200000,
  SecondmentWanted1764116520000,
];
export { emptyFigures, sumFigures } from './coverage/figures';
