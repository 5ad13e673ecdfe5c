import { Organization } from './organization.entity';
import { RegistryImport } from './registry-import.entity';

export { Organization, RegistryImport };
export * from './registry-import.entity';
export const REGISTRY_ENTITIES = [Organization, RegistryImport];
