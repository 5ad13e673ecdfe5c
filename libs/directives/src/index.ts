export * from './directives.module';
export * from './directive.work';
export * from './dto/directive.dto';
export * from './entities';
export * from './policy-book.service';
export { DirectivesSchema1764115300000 } from './migrations/1764115300000-directives-schema';
export { DirectiveSealed1764115600000 } from './migrations/1764115600000-directive-sealed';
