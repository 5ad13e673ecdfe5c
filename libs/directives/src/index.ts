export * from './directives.module';
export * from './directive.work';
export * from './dto/directive.dto';
export * from './dto/directive.views';
export * from './entities';
export * from './policy-book.service';
export { DirectivesSchema1764115300000 } from './migrations/1764115300000-directives-schema';
export { DirectiveSealed1764115600000 } from './migrations/1764115600000-directive-sealed';
import { DirectivesSchema1764115300000 } from './migrations/1764115300000-directives-schema';
import { DirectiveSealed1764115600000 } from './migrations/1764115600000-directive-sealed';

/** The directives library's migrations (a node interleaves them with the others by timestamp). */
export const DIRECTIVE_MIGRATIONS = [DirectivesSchema1764115300000, DirectiveSealed1764115600000];
