import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DirectivesModule } from '@liandong/directives';
import { ReceiveAnswer } from './requests/appliers/receive-answer.applier';
import { ReceiveRequest } from './requests/appliers/receive-request.applier';
import { InformationRequestsController } from './requests/information-requests.controller';
import { ReceivedRequestsController } from './requests/received-requests.controller';
import { RequestEventsHandler } from './requests/request-events.handler';
import { RequestRouting } from './requests/request-routing';
import { RequestQueries } from './requests/request.queries';
import { AnswerRequest } from './requests/use-cases/answer-request.usecase';
import { ReadAnswer } from './requests/use-cases/read-answer.usecase';
import { SendRequest } from './requests/use-cases/send-request.usecase';

const REQUESTS: Provider[] = [
  RequestRouting,
  SendRequest,
  AnswerRequest,
  ReadAnswer,
  ReceiveRequest,
  ReceiveAnswer,
  RequestEventsHandler,
  RequestQueries,
];

/**
 * Information exchange around an inspection (贯通融合): information requests before it and
 * support requests during it, to bodies that hold supervision results, on this node or along
 * its line; answers sealed to the requesting inspection's team. Builds on planning
 * (inspections, teams) and directives (the policy book).
 */
@Module({})
export class ExchangeModule {
  /** `planning` is the app's own PlanningModule.forRoot(...) result, imported once. */
  static forRoot(planning: DynamicModule): DynamicModule {
    return {
      module: ExchangeModule,
      imports: [DirectivesModule, planning],
      controllers: [InformationRequestsController, ReceivedRequestsController],
      providers: [...REQUESTS],
    };
  }
}
