import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LimitQuery } from './limit.query';

export class DeadLetterQuery extends LimitQuery {
  @ApiPropertyOptional({ enum: ['rejected', 'dead_lettered'] })
  @IsOptional()
  @IsIn(['rejected', 'dead_lettered'])
  kind?: 'rejected' | 'dead_lettered';
}

export class DeadLetterView {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: ['rejected', 'dead_lettered'],
    description:
      'rejected: never applied (authenticity, authority, sequence, expiry); dead_lettered: authentic but unprocessable',
  })
  kind!: string;
  @ApiProperty({ example: 'BAD_SIGNATURE' }) reasonCode!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) eventType!: string | null;
  @ApiProperty({ nullable: true, type: String }) issuer!: string | null;
  @ApiProperty({ nullable: true, type: String }) hopFrom!: string | null;
  @ApiProperty() recordedAt!: string;
}

export class FederationNodeView {
  @ApiProperty({ example: '130121' }) nodeId!: string;
  @ApiProperty({ example: '井陉县' }) name!: string;
  @ApiProperty({ example: 'county' }) tier!: string;
  @ApiProperty({ example: '县级' }) tierLabel!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ type: [String] }) path!: string[];
}

export class OutboxSummaryView {
  @ApiProperty({ example: { pending: 0, published: 2, delivered: 40, refused: 0 } })
  byStatus!: Record<string, number>;
  @ApiProperty({ description: 'events published but not yet receipted by their receiver' })
  awaitingReceipt!: number;
}
