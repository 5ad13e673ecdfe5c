import { Injectable } from '@nestjs/common';
import { Principal } from '@liandong/access';
import { FindingView } from '../../dto/finding.views';
import { AdvanceFinding } from './advance-finding';

/** 签字: the leader signs a complete, checked finding. */
@Injectable()
export class SignFinding {
  constructor(private readonly advance: AdvanceFinding) {}

  execute(id: string, user: Principal): Promise<FindingView> {
    return this.advance.execute(id, user, {
      role: 'leader',
      to: 'signed',
      fields: () => ({ signedBy: user.username }),
    });
  }
}
