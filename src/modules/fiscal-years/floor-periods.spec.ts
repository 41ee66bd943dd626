import { floorDefaults, itFloorPeriodFor } from './floor-periods.js';

describe("a new year's floor settings follow the floor rule's years", () => {
  it('are the plan’s 1% of the provincial, district and commune budgets, blocking, in 2011–2015', () => {
    for (const year of [2011, 2013, 2015]) {
      expect(floorDefaults(year)).toEqual({ floorRatio: '0.01', floorSources: ['PROVINCIAL', 'DISTRICT', 'COMMUNE'], floorPolicy: 'STOP' });
      expect(itFloorPeriodFor(year)).toMatchObject({ fromYear: 2011, toYear: 2015 });
    }
  });

  it('are no floor (ratio 0, a warning only) before and after them', () => {
    for (const year of [2010, 2016, 2021]) {
      expect(floorDefaults(year)).toEqual({ floorRatio: '0', floorSources: ['PROVINCIAL', 'DISTRICT', 'COMMUNE'], floorPolicy: 'WARN' });
      expect(itFloorPeriodFor(year)).toBeNull();
    }
  });
});
