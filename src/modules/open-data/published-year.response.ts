import { ApiDate, ApiDateTime, ApiInt, ApiJson, ApiText } from '../../common/openapi/api-fields.js';

/** A published year: its approval and where its descriptor and data are. */
export class PublishedYearDto {
  @ApiInt() year!: number;
  @ApiText() planPeriod!: string;
  @ApiText({ nullable: true }) decisionNumber!: string | null;
  @ApiDate({ nullable: true }) decisionDate!: string | null;
  @ApiDateTime() updatedAt!: string;
  @ApiText({ example: '/open-data/2012/datapackage.json' }) datapackage!: string;
  @ApiText({ example: '/open-data/2012/budget-lines.csv' }) data!: string;
}

/**
 * A Fiscal Data Package descriptor (Tabular Data Package with the fiscal model): the fields every
 * reader needs are listed; the rest (resources, model, licenses …) as the specification writes them.
 */
export class FiscalDataPackageDto {
  @ApiText() profile!: string;
  @ApiText() name!: string;
  @ApiText() title!: string;
  @ApiText() description!: string;
  @ApiText() created!: string;
  @ApiText() countryCode!: string;
  @ApiJson({ description: 'CSV resources with their table schema' }) resources!: unknown;
  @ApiJson({ description: 'The fiscal model: measures and dimensions' }) model!: unknown;
}
