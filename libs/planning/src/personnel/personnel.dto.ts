import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { AcceptLabels, IsCalendarDate, IsNotBlank, SOURCE_BODIES } from '@liandong/protocol';
import type { SourceBody } from '@liandong/protocol';
import { day, instant, NODE, NODE_EXAMPLE, NODE_MESSAGE, nullableText } from '../api-fields';
import { SOURCE_BODY_LABELS } from '../labels';

// ── requests ──────────────────────────────────────────────────────────────────────────────

export class PostDto {
  @ApiProperty({ example: '130121' }) @Matches(NODE, NODE_MESSAGE) nodeId!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 64) unitCode!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 200) unitName!: string;
  @ApiProperty({ example: '副局长' }) @IsString() @IsNotBlank() @Length(1, 100) title!: string;
  @ApiProperty({ example: '2019-01-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    required: false,
    example: '2023-12-31',
    description: 'empty (or null) while the post is held; not before from',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string | null;
}

export class RelationDto {
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 50) name!: string;
  @ApiProperty({ example: '配偶' }) @IsString() @IsNotBlank() @Length(1, 20) relation!: string;
  @ApiProperty({ example: '130121' }) @Matches(NODE, NODE_MESSAGE) nodeId!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 64) unitCode!: string;
  @ApiProperty() @IsString() @IsNotBlank() @Length(1, 200) unitName!: string;
}

export class PersonDto {
  @ApiProperty({ example: '王五' })
  @IsString()
  @IsNotBlank()
  @Length(1, 50)
  name!: string;

  @ApiProperty({
    enum: SOURCE_BODIES,
    description:
      '来源单位: 纪检、组织、审计、财政、司法、信访…; the Chinese label (纪检监察机关, 审计机关, …) is accepted too',
  })
  @AcceptLabels(SOURCE_BODY_LABELS)
  @IsIn(SOURCE_BODIES)
  sourceBody!: SourceBody;

  @ApiProperty({ example: '130121', description: 'the jurisdiction the person comes from' })
  @Matches(NODE, NODE_MESSAGE)
  homeJurisdiction!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: 'registry code of the home unit',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 64)
  homeUnitCode?: string | null;

  @ApiProperty({ example: '井陉县纪委监委' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  homeUnitName!: string;

  @ApiPropertyOptional({
    description:
      "this node's user account of the person (to act on the team); the account must exist on this node",
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 64)
  username?: string;

  @ApiPropertyOptional({ type: [PostDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PostDto)
  posts?: PostDto[];

  @ApiPropertyOptional({ type: [RelationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RelationDto)
  relations?: RelationDto[];
}

export class SecondmentDto {
  @ApiProperty({ example: '130100' })
  @Matches(NODE, NODE_MESSAGE)
  lendingNode!: string;

  @ApiProperty({
    example: '纪检监察干部 1 名，熟悉财务审计',
    description:
      'the kind of person wanted; the lending node nominates whom it sends when it approves',
  })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  wanted!: string;

  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({ example: '2027-06-30', description: 'not before startsOn' })
  @IsCalendarDate()
  endsOn!: string;

  @ApiProperty({ example: '跟班学习，参加交叉巡察' })
  @IsString()
  @IsNotBlank()
  @Length(1, 500)
  purpose!: string;
}

export class ApproveDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "the person lent, from this node's own pool (its people, not those lent to it): required when the request names no one; when it names someone, that person or nothing",
  })
  @IsOptional()
  @IsUUID()
  personId?: string;
}

export class DeclineDto {
  @ApiProperty({ example: '本单位巡察任务繁重' })
  @IsString()
  @IsNotBlank()
  @Length(1, 500)
  reason!: string;
}

// ── views ─────────────────────────────────────────────────────────────────────────────────

export class PostView {
  @ApiProperty(NODE_EXAMPLE) nodeId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ example: '副局长' }) title!: string;
  @ApiProperty(day({ example: '2019-01-01' })) from!: string;
  @ApiProperty(day({ nullable: true, description: 'null while the post is held' }))
  to!: string | null;
}

export class RelationView {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '配偶' }) relation!: string;
  @ApiProperty(NODE_EXAMPLE) nodeId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '王五' }) name!: string;
  @ApiProperty({ enum: SOURCE_BODIES }) sourceBody!: SourceBody;
  @ApiProperty({ example: '纪检监察机关' }) sourceBodyLabel!: string;
  @ApiProperty(NODE_EXAMPLE) homeJurisdiction!: string;
  @ApiProperty(nullableText()) homeUnitCode!: string | null;
  @ApiProperty({ example: '井陉县纪委监委' }) homeUnitName!: string;
  @ApiProperty(nullableText({ description: "this node's user account of the person" }))
  username!: string | null;
  @ApiProperty({ type: [PostView] }) posts!: PostView[];
  @ApiProperty({ type: [RelationView] }) relations!: RelationView[];
  @ApiProperty(nullableText({ example: '130100', description: 'seconded from this node' }))
  lentBy!: string | null;
  @ApiProperty(nullableText({ format: 'uuid' })) secondmentId!: string | null;
  @ApiProperty(instant()) createdAt!: string;
}

export class SecondmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['borrowing', 'lending'] }) role!: 'borrowing' | 'lending';
  @ApiProperty(
    nullableText({
      format: 'uuid',
      description:
        'the person lent: named by the request, or nominated by the lending node on approval; null until then',
    }),
  )
  personId!: string | null;
  @ApiProperty(
    nullableText({
      example: '王五',
      description: 'the person, where this node holds them (the lender; the borrower once lent)',
    }),
  )
  personName!: string | null;
  @ApiProperty(
    nullableText({
      example: '纪检监察干部 1 名，熟悉财务审计',
      description:
        'the kind of person the borrowing node asked for (null on a request naming a person, secondment.requested.v1)',
    }),
  )
  wanted!: string | null;
  @ApiProperty(NODE_EXAMPLE) borrowingNode!: string;
  @ApiProperty({ example: '井陉县（130121）' }) borrowingNodeLabel!: string;
  @ApiProperty({ example: '130100' }) lendingNode!: string;
  @ApiProperty({ example: '石家庄市（130100）' }) lendingNodeLabel!: string;
  @ApiProperty(day()) startsOn!: string;
  @ApiProperty(day({ example: '2027-06-30' })) endsOn!: string;
  @ApiProperty({ example: '跟班学习，参加交叉巡察' }) purpose!: string;
  @ApiProperty({ enum: ['requested', 'approved', 'declined'] })
  status!: 'requested' | 'approved' | 'declined';
  @ApiProperty({ example: '待下级确认' }) statusLabel!: string;
  @ApiProperty(nullableText({ description: 'why it was declined' })) reason!: string | null;
  @ApiProperty(instant()) requestedAt!: string;
  @ApiProperty(instant({ nullable: true })) decidedAt!: string | null;
}

export class SecondmentPartnerView {
  @ApiProperty({ example: '130100' }) nodeId!: string;
  @ApiProperty({ example: '石家庄市' }) name!: string;
  @ApiProperty({ example: '市级' }) tierLabel!: string;
  @ApiProperty({
    enum: ['ancestor', 'descendant'],
    description: 'an ancestor (上挂: to it) or a registered descendant (下派: from it)',
  })
  direction!: 'ancestor' | 'descendant';
}
