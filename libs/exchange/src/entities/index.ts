import { InformationRequest } from './information-request.entity';

export { InformationRequest };

export const EXCHANGE_ENTITIES = [InformationRequest];
