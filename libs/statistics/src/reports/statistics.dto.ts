import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsNotBlank, STATISTICS_FIRST_YEAR, STATISTICS_LAST_YEAR } from '@liandong/protocol';

export class YearParam {
  @ApiProperty({ example: 2026, description: '统计年度（公历年，北京时间）' })
  @Type(() => Number)
  @IsInt()
  @Min(STATISTICS_FIRST_YEAR)
  @Max(STATISTICS_LAST_YEAR)
  year!: number;
}

export class ChildYearParam extends YearParam {
  @ApiProperty({ example: '130100', description: '直接下级节点的六位行政区划代码' })
  @Matches(/^\d{6}$/, { message: '$property must be a six-digit division code' })
  nodeId!: string;
}

/** 报送: the reason is required to correct a report the parent accepted (更正). */
export class SubmitStatisticsDto {
  @ApiPropertyOptional({
    example: '漏报一个村党组织的巡察反馈，更正后重新报送',
    description: '更正原因：已审核通过的统计再次报送时必填',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  reason?: string;
}

/** 退回: why the child must look at its figures again. */
export class ReturnStatisticsDto {
  @ApiProperty({ example: '交叉巡察数与市里掌握的不一致，请核实后重新报送' })
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  reason!: string;
}
