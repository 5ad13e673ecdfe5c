import { Injectable } from '@nestjs/common';
import { Clock, NodeNames } from '@liandong/messaging';
import { chinaDate, TIER_LABELS } from '@liandong/protocol';
import { mapPolicyVersion } from '../directive.mapper';
import { PolicyVersionView, RuleView } from '../dto/directive.views';
import { directiveRefusal } from '../directives.errors';
import { PolicyBook } from '../policy-book.service';
import { RULES } from './rule-catalogue';

/** 规则目录 with what is in force on this node today and who set it. */
@Injectable()
export class RuleQueries {
  constructor(
    private readonly book: PolicyBook,
    private readonly names: NodeNames,
    private readonly clock: Clock,
  ) {}

  async catalogue(): Promise<RuleView[]> {
    const today = chinaDate(this.clock.now());
    const versions = await this.book.versions();
    return Promise.all(
      RULES.map(async (rule) => {
        const inForce = await this.book.inForce(rule.key, today);
        return {
          key: rule.key,
          label: rule.label,
          description: rule.description,
          unit: rule.unit,
          integer: rule.integer,
          min: rule.min,
          max: rule.max,
          owner: rule.owner,
          ownerLabel: TIER_LABELS[rule.owner],
          stricter: rule.stricter,
          stricterLabel: `下级只能从严（${rule.stricter === 'lower' ? '更短' : '更长'}）`,
          baseline: rule.baseline,
          inForce: inForce
            ? {
                ...mapPolicyVersion(inForce),
                setByLabel: inForce.setByNode ? this.names.label(inForce.setByNode) : '默认',
              }
            : null,
          versions: versions.filter((v) => v.key === rule.key).map(mapPolicyVersion),
        };
      }),
    );
  }

  /** The version of a rule in force on a day (and who set it), or a 404. */
  async inForce(key: string, on: string): Promise<PolicyVersionView> {
    const version = await this.book.inForce(key, on);
    if (!version)
      throw directiveRefusal(
        'POLICY_NOT_FOUND',
        {
          zh: `${on} 当日没有生效的该项规则`,
          en: `no version of ${key} is in force on ${on}`,
        },
        404,
      );
    return mapPolicyVersion(version);
  }
}
