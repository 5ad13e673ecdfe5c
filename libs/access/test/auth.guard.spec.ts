import { DomainError } from '@liandong/common';
import { Controller, Get, INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Clock, MESSAGING_OPTIONS, SystemClock, identityFromChain } from '@liandong/messaging';
import { provisionTree } from '@liandong/protocol';
import { Allow, Public } from '../src/access.decorators';
import { AuthGuard } from '../src/auth.guard';
import { TokenService } from '../src/token.service';

@Controller('probe')
class ProbeController {
  @Get('open')
  @Public()
  open() {
    return 'open';
  }

  @Get('forgotten')
  forgotten() {
    return 'should never be served';
  }

  @Get('office')
  @Allow('inspection_office')
  office() {
    return 'office';
  }
}

describe('AuthGuard (default deny)', () => {
  let app: INestApplication;
  let url: string;
  let tokens: TokenService;

  beforeAll(async () => {
    const bundle = provisionTree([
      { nodeId: '000000', name: '中央', tier: 'central', parentId: null },
    ]).get('000000');
    if (!bundle) throw new Error('no identity');
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [
        TokenService,
        { provide: Clock, useValue: new SystemClock() },
        {
          provide: MESSAGING_OPTIONS,
          useValue: { identity: identityFromChain(bundle.key, bundle.chain, bundle.rootPublicKey) },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters({
      catch: (
        error: unknown,
        host: {
          switchToHttp: () => {
            getResponse: () => { status: (n: number) => { json: (b: unknown) => void } };
          };
        },
      ) => {
        const status = error instanceof DomainError ? error.status : 500;
        host
          .switchToHttp()
          .getResponse()
          .status(status)
          .json({ error: (error as DomainError).code });
      },
    });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    tokens = moduleRef.get(TokenService);
  });
  afterAll(() => app.close());

  const get = async (path: string, token?: string) => {
    const response = await fetch(`${url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: await response.text() };
  };

  it('serves a public route, and closes a route that declares no rule even to a signed-in user', async () => {
    const { token } = tokens.issueAccessToken({
      userId: 'u',
      username: 'clerk',
      displayName: '办事员',
      roles: ['inspection_office', 'admin'],
    });
    expect(await get('/probe/open')).toEqual({ status: 200, body: 'open' });
    expect(await get('/probe/forgotten', token)).toEqual({
      status: 403,
      body: '{"error":"NO_ACCESS_RULE"}',
    });
    expect((await get('/probe/office', token)).status).toBe(200);
    expect((await get('/probe/office')).status).toBe(401);
    const viewer = tokens.issueAccessToken({
      userId: 'v',
      username: 'viewer',
      displayName: '查看',
      roles: ['viewer'],
    }).token;
    expect((await get('/probe/office', viewer)).status).toBe(403);
    expect((await get('/probe/office', `${token.slice(0, -3)}abc`)).status).toBe(401);
  });
});
