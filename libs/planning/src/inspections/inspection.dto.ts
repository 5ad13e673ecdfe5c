import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { INSPECTION_MODES, IsNotBlank } from '@liandong/protocol';
import type { InspectionMode } from '@liandong/protocol';
import { day, instant, NODE, NODE_EXAMPLE, NODE_MESSAGE, nullableText } from '../api-fields';
import type { InspectionRole, InspectionStatus } from '../entities';

// ── requests ──────────────────────────────────────────────────────────────────────────────

export class ScheduleInspectionDto {
  @ApiProperty({ example: '130121001' })
  @IsString()
  @IsNotBlank()
  @Length(1, 64)
  organizationCode!: string;

  @ApiPropertyOptional({
    description:
      "the node whose registry holds it; a descendant's makes this an escalated inspection (提级巡察)",
  })
  @IsOptional()
  @Matches(NODE, NODE_MESSAGE)
  ownerNode?: string;
}

export class TeamDto {
  @ApiProperty({ description: '组长' })
  @IsUUID()
  leaderId!: string;

  @ApiPropertyOptional({
    description: '副组长: checks findings before the leader signs them; not the leader',
  })
  @IsOptional()
  @IsUUID()
  deputyLeaderId?: string;

  @ApiProperty({
    type: [String],
    description: '成员: each once, and neither the leader nor the deputy leader',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

export class FeedbackDto {
  @ApiProperty({ example: '反馈意见：发现问题 5 个，要求限期整改。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  summary!: string;
}

export class HandBackDto {
  @ApiProperty({ example: '整改监督移交井陉县委巡察办。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  notes!: string;
}

// ── views ─────────────────────────────────────────────────────────────────────────────────

const INSPECTION_ROLES: InspectionRole[] = ['conducting', 'hosted', 'reported'];

const INSPECTION_STATUSES: InspectionStatus[] = [
  'planned',
  'requested',
  'refused',
  'feedback_given',
  'handed_back',
];

export class InspectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: INSPECTION_ROLES,
    description: 'this node conducts it, hosts it (its organization), or was told the result',
  })
  role!: InspectionRole;
  @ApiProperty({ enum: INSPECTION_MODES }) mode!: InspectionMode;
  @ApiProperty({ example: '本级巡察' }) modeLabel!: string;
  @ApiProperty(nullableText({ format: 'uuid' })) roundId!: string | null;
  @ApiProperty(NODE_EXAMPLE) ownerNode!: string;
  @ApiProperty(NODE_EXAMPLE) conductingNode!: string;
  @ApiProperty(
    nullableText({
      example: '石家庄市',
      description: 'the name of ownerNode, when this node knows it (its path and subtree)',
    }),
  )
  ownerNodeName!: string | null;
  @ApiProperty(
    nullableText({
      example: '石家庄市',
      description:
        'the name of conductingNode, when this node knows it (its path and subtree; a peer may be unknown)',
    }),
  )
  conductingNodeName!: string | null;
  @ApiProperty({ example: '130121-001' }) organizationCode!: string;
  @ApiProperty({ example: '井陉县党委办公室' }) organizationName!: string;
  @ApiProperty({ example: 'department' }) organizationCategory!: string;
  @ApiProperty(nullableText({ format: 'uuid' })) crossOrderId!: string | null;
  @ApiProperty(day()) windowStart!: string;
  @ApiProperty(day({ example: '2027-02-28' })) windowEnd!: string;
  @ApiProperty({ enum: INSPECTION_STATUSES }) status!: InspectionStatus;
  @ApiProperty({ example: '已安排' }) statusLabel!: string;
  @ApiProperty(nullableText()) refusalReason!: string | null;
  @ApiProperty(instant({ nullable: true })) feedbackAt!: string | null;
  @ApiProperty(nullableText()) feedbackSummary!: string | null;
  @ApiProperty(instant({ nullable: true })) handedBackAt!: string | null;
  @ApiProperty(nullableText()) handBackNotes!: string | null;
}

export class TeamMemberView {
  @ApiProperty({ enum: ['leader', 'deputy_leader', 'member'] })
  role!: 'leader' | 'deputy_leader' | 'member';
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '王五' }) name!: string;
  @ApiProperty(nullableText({ example: '130100', description: 'seconded from this node' }))
  lentBy!: string | null;
}

export class InspectionDetailView extends InspectionView {
  @ApiProperty({ type: [TeamMemberView] }) team!: TeamMemberView[];
}

/** 我的巡察: an inspection whose team the signed-in person is on, with their role in it. */
export class MyInspectionView extends InspectionView {
  @ApiProperty({ enum: ['leader', 'deputy_leader', 'member'] })
  teamRole!: 'leader' | 'deputy_leader' | 'member';
  @ApiProperty({ example: '副组长' }) teamRoleLabel!: string;
}
