import { Directive } from './directive.entity';
import { DirectiveRecipient } from './directive-recipient.entity';
import { PolicyVersion } from './policy-version.entity';

export { Directive, DirectiveRecipient, PolicyVersion };
export const DIRECTIVE_ENTITIES = [Directive, DirectiveRecipient, PolicyVersion];
