import { jest } from '@jest/globals';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { AppLogger } from './app-logger.js';
import { readyLines } from './ready-lines.js';
import { loadConfig } from '../../config/app-config.js';

/** What the logger wrote to stdout and stderr while `run` ran. */
function captured(run: () => void): string {
  const out: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    run();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return out.join('');
}

describe('AppLogger', () => {
  it('drops the route and module lines of start-up at LOG_LEVEL=log, keeps other lines, warnings and errors', () => {
    const logger = new AppLogger('log');
    const text = captured(() => {
      logger.log('Mapped {/estimates, GET} route', 'RouterExplorer');
      logger.log('EstimatesController {/estimates}:', 'RoutesResolver');
      logger.log('AppModule dependencies initialized', 'InstanceLoader');
      logger.log('Database: embedded PostgreSQL', 'itbudget');
      logger.warn('a route warning', 'RouterExplorer');
      logger.error('a route error', undefined, 'RoutesResolver');
    });
    expect(text).not.toContain('Mapped');
    expect(text).not.toContain('EstimatesController');
    expect(text).not.toContain('dependencies initialized');
    expect(text).toContain('Database: embedded PostgreSQL');
    expect(text).toContain('a route warning');
    expect(text).toContain('a route error');
  });

  it('keeps the route lines at LOG_LEVEL=debug and verbose', () => {
    for (const level of ['debug', 'verbose'] as const) {
      const text = captured(() => new AppLogger(level).log('Mapped {/estimates, GET} route', 'RouterExplorer'));
      expect(text).toContain('Mapped {/estimates, GET} route');
    }
  });

  it('still honours the level: at LOG_LEVEL=warn no log line passes', () => {
    const text = captured(() => {
      const logger = new AppLogger('warn');
      logger.log('Database: embedded PostgreSQL', 'itbudget');
      logger.warn('careful', 'itbudget');
    });
    expect(text).not.toContain('Database');
    expect(text).toContain('careful');
  });

  it("is what Nest's Logger writes through once installed", () => {
    Logger.overrideLogger(new AppLogger('log'));
    try {
      const text = captured(() => new Logger('RouterExplorer').log('Mapped {/health, GET} route'));
      expect(text).toBe('');
    } finally {
      Logger.overrideLogger(new ConsoleLogger());
    }
  });
});

describe('readyLines', () => {
  it('names the web app first, then the API, then each demo user on a line of its own', () => {
    const config = loadConfig({ NODE_ENV: 'development', PORT: '3456' });
    const lines = readyLines(config, [
      { username: 'chair', role: 'CHAIR', full_name: 'Chủ tịch UBND tỉnh' },
      { username: 'dof.officer', role: 'DOF_OFFICER', full_name: 'Chuyên viên Sở Tài chính' },
    ]);
    expect(lines[0]).toBe("Ready. Officials' web app: http://localhost:3456/app");
    expect(lines[1]).toContain('API on http://localhost:3456');
    expect(lines[2]).toBe('Demo users (development only), password "itbudget-demo":');
    expect(lines[3]).toMatch(/^ {2}chair {8}CHAIR {9}Chủ tịch UBND tỉnh$/);
    expect(lines[4]).toMatch(/^ {2}dof\.officer {2}DOF_OFFICER {3}Chuyên viên Sở Tài chính$/);
  });

  it('lists no users when there are none (production)', () => {
    expect(readyLines(loadConfig({ NODE_ENV: 'test', PORT: '3456' }), [])).toHaveLength(2);
  });
});
