import { Module, OnApplicationShutdown } from '@nestjs/common';
import { RegistryController } from './registry.controller';
import { ImportRegistry } from './use-cases/import-registry.usecase';

/** The organization registry (对象库): what this node must inspect within a term. */
@Module({
  controllers: [RegistryController],
  providers: [ImportRegistry],
})
export class RegistryModule implements OnApplicationShutdown {
  constructor(private readonly imports: ImportRegistry) {}

  async onApplicationShutdown(): Promise<void> {
    await this.imports.drain();
  }
}
