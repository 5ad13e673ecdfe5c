import { Module } from '@nestjs/common';
import { DirectiveEventsHandler } from './directive-events.handler';
import { DirectiveQueries } from './directive.queries';
import { DirectiveWork } from './directive.work';
import { DirectivesController } from './directives.controller';
import { PoliciesController } from './policies.controller';
import { PolicyBook } from './policy-book.service';
import { PolicyHandoverHandler } from './policy-handover.handler';
import { RuleQueries } from './rules/rule.queries';
import { AcknowledgeDirective } from './use-cases/acknowledge-directive.usecase';
import { IssueDirective } from './use-cases/issue-directive.usecase';
import { ReadConfidential } from './use-cases/read-confidential.usecase';
import { RelayDirective } from './use-cases/relay-directive.usecase';
import { ReportDirective } from './use-cases/report-directive.usecase';

@Module({
  controllers: [DirectivesController, PoliciesController],
  providers: [
    AcknowledgeDirective,
    DirectiveEventsHandler,
    DirectiveQueries,
    DirectiveWork,
    IssueDirective,
    PolicyBook,
    PolicyHandoverHandler,
    ReadConfidential,
    RelayDirective,
    ReportDirective,
    RuleQueries,
  ],
  exports: [PolicyBook, DirectiveWork],
})
export class DirectivesModule {}
