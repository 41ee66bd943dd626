import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOptionsWhere, Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { Unit } from './entities/unit.entity.js';
import type { ListUnitsQuery } from './dto/list-units.query.js';

export interface UnitDetail extends Unit {
  parent: Pick<Unit, 'id' | 'code' | 'name' | 'nameEn'> | null;
  children: Unit[];
}

@Injectable()
export class UnitsService {
  constructor(@InjectRepository(Unit) private readonly units: Repository<Unit>) {}

  list(query: ListUnitsQuery): Promise<Unit[]> {
    const where: FindOptionsWhere<Unit> = {};
    if (query.kind) where.kind = query.kind;
    if (query.budgetLevel) where.budgetLevel = query.budgetLevel;
    if (query.parentId) where.parentId = query.parentId;
    return this.units.find({ where, order: { code: 'ASC' } });
  }

  async get(id: string): Promise<UnitDetail> {
    const unit = await this.units.findOneBy({ id });
    if (!unit) throw new NotFoundError('Unit', id);
    const [parent, children] = await Promise.all([
      unit.parentId ? this.units.findOneBy({ id: unit.parentId }) : Promise.resolve(null),
      this.units.find({ where: { parentId: id }, order: { code: 'ASC' } }),
    ]);
    return {
      ...unit,
      parent: parent && { id: parent.id, code: parent.code, name: parent.name, nameEn: parent.nameEn },
      children,
    };
  }

  async exists(id: string): Promise<boolean> {
    return this.units.existsBy({ id });
  }
}
