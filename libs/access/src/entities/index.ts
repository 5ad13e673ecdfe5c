import { RefreshToken } from './refresh-token.entity';
import { UserAccount } from './user-account.entity';

export { RefreshToken, UserAccount };
export const ACCESS_ENTITIES = [RefreshToken, UserAccount];
