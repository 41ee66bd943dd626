import type { MigrationInterface, QueryRunner } from 'typeorm';

// The state budget index (Mục lục ngân sách nhà nước) as dated data (issue 14): editions with the
// budget years they govern, and per edition the chapters (Chương), type-items (Loại-Khoản) and
// group-subitems (Mục-Tiểu mục) that IT lines use. Units carry their budget-relationship code
// (mã ĐVQHNS, 7 digits) and chapter; lines carry Loại-Khoản and Mục-Tiểu mục, checked by the
// application against the edition in force for the estimate's year (a code's validity is a period,
// which a foreign key cannot express). Each code row says how far it was verified and from where.
export class Classification1764250000000 implements MigrationInterface {
  name = 'Classification1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_index_editions (
        code             varchar(20) PRIMARY KEY,
        document         text NOT NULL,
        title            text NOT NULL,
        title_en         text NOT NULL,
        valid_from_year  integer NOT NULL CHECK (valid_from_year BETWEEN 2000 AND 2200),
        valid_to_year    integer CHECK (valid_to_year IS NULL OR valid_to_year >= valid_from_year),
        source           text NOT NULL
      )`);
    // Periods never overlap (one index in force per budget year): checked where editions are seeded.
    await q.query(`
      CREATE TABLE budget_chapters (
        edition_code  varchar(20) NOT NULL REFERENCES budget_index_editions (code),
        code          varchar(3) NOT NULL CHECK (code ~ '^[0-9]{3}$'),
        name          text NOT NULL,
        name_en       text NOT NULL,
        verification  varchar(12) NOT NULL CHECK (verification IN ('TEXT', 'SECONDARY', 'UNVERIFIED')),
        note          text NOT NULL DEFAULT '',
        PRIMARY KEY (edition_code, code)
      )`);
    await q.query(`
      CREATE TABLE budget_sector_items (
        edition_code  varchar(20) NOT NULL REFERENCES budget_index_editions (code),
        loai          varchar(3) NOT NULL CHECK (loai ~ '^[0-9]{3}$'),
        khoan         varchar(3) NOT NULL CHECK (khoan ~ '^[0-9]{3}$'),
        loai_name     text NOT NULL,
        name          text NOT NULL,
        name_en       text NOT NULL,
        verification  varchar(12) NOT NULL CHECK (verification IN ('TEXT', 'SECONDARY', 'UNVERIFIED')),
        note          text NOT NULL DEFAULT '',
        PRIMARY KEY (edition_code, khoan)
      )`);
    await q.query(`
      CREATE TABLE budget_economic_items (
        edition_code  varchar(20) NOT NULL REFERENCES budget_index_editions (code),
        muc           varchar(4) NOT NULL CHECK (muc ~ '^[0-9]{4}$'),
        tieu_muc      varchar(4) NOT NULL CHECK (tieu_muc ~ '^[0-9]{4}$'),
        muc_name      text NOT NULL,
        name          text NOT NULL,
        name_en       text NOT NULL,
        verification  varchar(12) NOT NULL CHECK (verification IN ('TEXT', 'SECONDARY', 'UNVERIFIED')),
        note          text NOT NULL DEFAULT '',
        PRIMARY KEY (edition_code, tieu_muc)
      )`);

    await q.query(`ALTER TABLE units ADD COLUMN budget_relation_code varchar(7) UNIQUE CHECK (budget_relation_code ~ '^[0-9]{7}$')`);
    await q.query(`ALTER TABLE units ADD COLUMN chapter_code varchar(3) CHECK (chapter_code ~ '^[0-9]{3}$')`);

    // "LLL-KKK" and "MMMM-TTTT", as officials write them; null while a line is not yet classified.
    await q.query(`ALTER TABLE estimate_lines ADD COLUMN loai_khoan varchar(7) CHECK (loai_khoan ~ '^[0-9]{3}-[0-9]{3}$')`);
    await q.query(`ALTER TABLE estimate_lines ADD COLUMN muc_tieu_muc varchar(9) CHECK (muc_tieu_muc ~ '^[0-9]{4}-[0-9]{4}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE estimate_lines DROP COLUMN muc_tieu_muc`);
    await q.query(`ALTER TABLE estimate_lines DROP COLUMN loai_khoan`);
    await q.query(`ALTER TABLE units DROP COLUMN chapter_code`);
    await q.query(`ALTER TABLE units DROP COLUMN budget_relation_code`);
    await q.query(`DROP TABLE budget_economic_items`);
    await q.query(`DROP TABLE budget_sector_items`);
    await q.query(`DROP TABLE budget_chapters`);
    await q.query(`DROP TABLE budget_index_editions`);
  }
}
