/**
 * The money map's picture laid out (src/ui/pictures/moneyMapLayout.ts): columns in flow order, ribbons as thick
 * as the money, boxes as tall as their words, nothing overlapping or outside the picture, for zero amounts, one
 * body, many services and long names; and on a narrow screen (320 px) the two-column shape, chosen by fitFor:
 * words that wrap only between words (also in a script with tall lines), or, where they would be drawn under
 * MIN_SCALE, numbers in the boxes and the words listed under the picture; and in either shape, ribbons into the
 * pooled money that stay thick enough to see all along their way (each in a lane of its own).
 */
import { describe, expect, it } from 'vitest';
import type { FundingStream } from '../../../src/domain/types';
import {
  columnsFor,
  fitFor,
  layoutMoneyMap,
  MAP_SHAPE,
  MIN_POOL_RIBBON,
  MIN_RIBBON,
  MIN_SCALE,
  narrowColumns,
  PROPORTIONAL_LINES,
  ribbonPath,
  type MapLink,
  type MapNode,
  type MoneyMapInput,
  type MoneyMapLayout,
  type MoneyMapMetrics,
} from '../../../src/ui/pictures/moneyMapLayout';

const LINE = 20;
const EM = 16;
/** 10 px a character; a name and an amount each wrap to as many lines as they need. */
const metrics: MoneyMapMetrics = {
  width: 760,
  lineHeight: LINE,
  em: EM,
  money: (pence) => `£${(pence / 100).toLocaleString('en-GB')}`,
  textHeight: ({ name, amount }, width) =>
    (Math.ceil((name.length * 10) / width) + Math.ceil((amount.length * 10) / width)) * LINE,
};
const titles = { pooled: 'Money that can be pooled', pot: 'The pot you help decide on' };

let n = 0;
function stream(publicBody: string, service: string, pounds: number, isPoolable = true): FundingStream {
  n += 1;
  return { id: `fs-${n}`, publicBody, service, annualPence: pounds * 100, isPoolable };
}

function layout(
  streams: FundingStream[],
  potPounds: number,
  m: Partial<MoneyMapMetrics> = {},
): MoneyMapLayout {
  const input: MoneyMapInput = { streams, potPence: potPounds * 100, titles };
  return layoutMoneyMap(input, { ...metrics, ...m });
}

const nodes = (l: MoneyMapLayout, kind: MapNode['kind']): MapNode[] => l.nodes.filter((x) => x.kind === kind);
const link = (l: MoneyMapLayout, kind: string, to: string) =>
  l.links.find((x) => x.kind === kind && x.to === to)!;
const numbers = (l: MoneyMapLayout): number[] =>
  [...l.nodes, ...l.links].flatMap((x) => Object.values(x).filter((v): v is number => typeof v === 'number'));

/** Every box inside the picture, no two boxes overlapping, each tall enough for its words. */
function expectTidy(l: MoneyMapLayout): void {
  for (const a of l.nodes) {
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.y).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width).toBeLessThanOrEqual(l.width + 0.001);
    expect(a.y + a.height).toBeLessThanOrEqual(l.height + 0.001);
    expect(a.height).toBeGreaterThanOrEqual(a.textHeight + 2 * l.padding - 0.001);
    for (const b of l.nodes) {
      if (a === b) continue;
      const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      expect(across > 0.001 && down > 0.001, `${a.key} overlaps ${b.key}`).toBe(false);
    }
  }
  for (const x of numbers(l)) expect(Number.isFinite(x)).toBe(true);
}

/**
 * The ribbons into the pooled money: each along a lane of its own in the gap (between the services' and the pooled
 * money's boxes), at least MIN_POOL_RIBBON thick, a larger amount never thinner; two whose lanes run at the same
 * height never share one.
 */
function expectPoolLanes(l: MoneyMapLayout, servicesEdge: number): MapLink[] {
  const pools = l.links.filter((x) => x.kind === 'pool');
  const poolX = nodes(l, 'pooled')[0]!.x;
  for (const x of pools) {
    expect(x.thickness).toBeGreaterThanOrEqual(MIN_POOL_RIBBON);
    expect(x.path).toBe('lane');
    expect(x.laneX!).toBeGreaterThanOrEqual(servicesEdge);
    expect(x.laneX! + x.thickness).toBeLessThanOrEqual(poolX);
  }
  const bySize = [...pools].sort((a, b) => a.pence - b.pence);
  for (let i = 1; i < bySize.length; i++) {
    expect(bySize[i]!.thickness).toBeGreaterThanOrEqual(bySize[i - 1]!.thickness);
  }
  const runs = pools.map((x) => ({
    x: x.laneX!,
    t: x.thickness,
    top: Math.min(x.y0, x.y1),
    bottom: Math.max(x.y0, x.y1) + x.thickness,
  }));
  for (const a of runs) {
    for (const b of runs) {
      if (a === b || Math.min(a.bottom, b.bottom) <= Math.max(a.top, b.top)) continue;
      expect(Math.min(a.x + a.t, b.x + b.t) - Math.max(a.x, b.x)).toBeLessThanOrEqual(0.001);
    }
  }
  return pools;
}

const council = [
  stream('Ashfield City Council', 'Youth services', 40_000),
  stream('Ashfield City Council', 'Parks', 60_000),
  stream('Ashfield City Council', 'Adult social care', 300_000, false),
];
const nhs = stream('NHS North Ashfield', 'Community health', 100_000);
const police = stream('Ashfield Police', 'Neighbourhood policing', 100_000, false);

describe('the money map picture', () => {
  it('Given three public bodies, When laid out, Then the columns run bodies, services, pooled money, pot across the whole width, in the map’s order', () => {
    const l = layout([...council, nhs, police], 50_000);
    const [body, service, pooled, pot] = [
      nodes(l, 'body'),
      nodes(l, 'service'),
      nodes(l, 'pooled'),
      nodes(l, 'pot'),
    ];
    expect(body.map((b) => b.name)).toEqual([
      'Ashfield City Council',
      'NHS North Ashfield',
      'Ashfield Police',
    ]);
    expect(service.map((s) => s.name)).toEqual([
      'Youth services',
      'Parks',
      'Adult social care',
      'Community health',
      'Neighbourhood policing',
    ]);
    expect([pooled.length, pot.length]).toEqual([1, 1]);
    expect(body[0]!.x).toBe(0);
    expect(service[0]!.x).toBeGreaterThan(body[0]!.x + body[0]!.width);
    expect(pooled[0]!.x).toBeGreaterThan(service[0]!.x + service[0]!.width);
    expect(pot[0]!.x).toBeGreaterThan(pooled[0]!.x + pooled[0]!.width);
    expect(pot[0]!.x + pot[0]!.width).toBeCloseTo(760, 6);
    expect(body[0]!.amount).toBe('£400,000');
    expect(pooled[0]!.amount).toBe('£200,000');
    expect(pot[0]!.amount).toBe('£50,000');
    // Services go down the page in order; each body's box spans its own services.
    for (let i = 1; i < service.length; i++) expect(service[i]!.y).toBeGreaterThan(service[i - 1]!.y);
    const [first, , last] = service;
    expect(body[0]!.y).toBeLessThanOrEqual(first!.y);
    expect(body[0]!.y + body[0]!.height).toBeGreaterThanOrEqual(last!.y + last!.height);
    expectTidy(l);
  });

  it('Given services of different sizes, When laid out, Then every ribbon is as thick as its money on one scale, from body to service, on to the pooled money and into the pot', () => {
    const l = layout([...council, nhs, police], 50_000);
    const scale = (PROPORTIONAL_LINES * LINE) / (600_000 * 100);
    for (const s of nodes(l, 'service')) {
      expect(link(l, 'spend', s.key).thickness).toBeCloseTo(s.pence * scale, 6);
    }
    const [youth, parks] = nodes(l, 'service');
    expect(link(l, 'spend', parks!.key).thickness / link(l, 'spend', youth!.key).thickness).toBeCloseTo(
      1.5,
      6,
    );
    // All the money together is drawn PROPORTIONAL_LINES lines thick.
    const spent = l.links.filter((x) => x.kind === 'spend').reduce((sum, x) => sum + x.thickness, 0);
    expect(spent).toBeCloseTo(PROPORTIONAL_LINES * LINE, 6);
    // On to the pooled money and the pot: a scale of their own, as thick as the gap holds those going down side by
    // side, and those going up.
    const pools = l.links.filter((x) => x.kind === 'pool');
    const side = (isDown: boolean): number =>
      pools.filter((x) => x.y1 >= x.y0 === isDown).reduce((sum, x) => sum + x.thickness, 0);
    expect(Math.max(side(true), side(false))).toBeCloseTo(l.gap - l.padding, 6);
    const perPenny = pools[0]!.thickness / pools[0]!.pence;
    for (const x of pools) expect(x.thickness).toBeCloseTo(x.pence * perPenny, 6);
    expect(link(l, 'pot', 'pot').thickness).toBeCloseTo(50_000 * 100 * perPenny, 6);
  });

  it('Given services that cannot be pooled, When laid out, Then no ribbon goes from them to the pooled money, and ribbons into it keep the services’ order (they never cross)', () => {
    const l = layout([...council, nhs, police], 50_000);
    const pools = l.links.filter((x) => x.kind === 'pool');
    const fixed = nodes(l, 'service').filter((s) => !s.isPoolable);
    expect(fixed.map((s) => s.name)).toEqual(['Adult social care', 'Neighbourhood policing']);
    expect(pools.map((x) => x.from)).toEqual(
      nodes(l, 'service')
        .filter((s) => s.isPoolable)
        .map((s) => s.key),
    );
    for (let i = 1; i < pools.length; i++) {
      expect(pools[i]!.y0).toBeGreaterThan(pools[i - 1]!.y0);
      expect(pools[i]!.y1).toBeCloseTo(pools[i - 1]!.y1 + pools[i - 1]!.thickness, 6);
    }
  });

  it('Given the demo’s money map on a tablet, When laid out in four columns, Then each ribbon into the pooled money runs along a lane of its own in the gap, at least MIN_POOL_RIBBON thick all the way however far it climbs, a larger amount never thinner, and the ribbons from the bodies keep the map’s scale', () => {
    const demo = [
      stream('Northmoor City Council', 'Youth services', 420_000),
      stream('Northmoor City Council', 'Parks and green spaces', 310_000),
      stream('Northmoor City Council', 'Libraries and community centres', 185_000),
      stream('Northmoor City Council', 'Adult social care', 2_150_000, false),
      stream('NHS North Moorland', 'Community health and wellbeing', 380_000),
      stream('Moorland Police', 'Neighbourhood policing', 640_000, false),
      stream('Police and Crime Commissioner', 'Community safety fund', 95_000),
      stream('Jobcentre Plus (DWP)', 'Employment support', 520_000, false),
      stream('Northmoor Homes', 'Community investment', 150_000),
    ];
    for (const width of [720, 760, 1035]) {
      const l = layout(demo, 250_000, { width });
      expect(l.shape).toBe(MAP_SHAPE.wide);
      const services = nodes(l, 'service');
      const pools = expectPoolLanes(l, services[0]!.x + services[0]!.width);
      expect(pools).toHaveLength(6);
      // The last ones climb far (hundreds of px) to the pooled money, along their lanes.
      expect(Math.max(...pools.map((x) => Math.abs(x.y1 - x.y0)))).toBeGreaterThan(10 * LINE);
      const [youth, health] = ['Youth services', 'Community health and wellbeing'].map((name) =>
        pools.find((x) => x.from === services.find((s) => s.name === name)!.key)!,
      );
      expect(youth!.thickness / health!.thickness).toBeCloseTo(420 / 380, 6);
      const scale = (PROPORTIONAL_LINES * LINE) / demo.reduce((sum, s) => sum + s.annualPence, 0);
      for (const s of services) expect(link(l, 'spend', s.key).thickness).toBeCloseTo(s.pence * scale, 6);
      // The pot's ribbon is on the pooled money's scale: £250,000 is thinner than £420,000 into it.
      expect(link(l, 'pot', 'pot').thickness).toBeLessThan(youth!.thickness);
      expectTidy(l);
    }
  });

  it('Given a map with no services, When laid out, Then the picture is empty', () => {
    const l = layout([], 0);
    expect([l.height, l.nodes.length, l.links.length]).toEqual([0, 0, 0]);
  });

  it('Given zero amounts, When laid out, Then their boxes show £0 with no ribbon, a small amount still gets a visible ribbon, and nothing is NaN', () => {
    const l = layout(
      [
        stream('Council', 'Closed library', 0),
        stream('Council', 'Parks', 100_000),
        stream('Council', 'Bins', 5),
      ],
      1_000,
    );
    const [closed, parks, bins] = nodes(l, 'service');
    expect(closed!.amount).toBe('£0');
    expect(l.links.filter((x) => x.from === closed!.key || x.to === closed!.key)).toEqual([]);
    expect(link(l, 'spend', parks!.key).thickness).toBeGreaterThan(MIN_RIBBON);
    expect(link(l, 'spend', bins!.key).thickness).toBe(MIN_RIBBON);
    expectTidy(l);

    const nothing = layout([stream('Council', 'Parks', 0, true), stream('Police', 'Patrols', 0, false)], 0);
    expect(nothing.links).toEqual([]);
    expect(nodes(nothing, 'pot')[0]!.amount).toBe('£0');
    expectTidy(nothing);
  });

  it('Given nothing can be pooled, When laid out, Then the pooled box shows £0 and no ribbon runs to the pooled money or the pot', () => {
    const l = layout([stream('Police', 'Patrols', 10_000, false)], 500);
    expect(nodes(l, 'pooled')[0]!.amount).toBe('£0');
    expect(l.links.map((x) => x.kind)).toEqual(['spend']);
    expectTidy(l);
  });

  it('Given one public body with one service, When laid out, Then one box each and three ribbons: spent, pooled, into the pot', () => {
    const l = layout([stream('Ashfield City Council', 'Youth services', 40_000)], 10_000);
    expect(l.nodes.map((x) => x.kind)).toEqual(['body', 'service', 'pooled', 'pot']);
    expect(l.links.map((x) => x.kind)).toEqual(['spend', 'pool', 'pot']);
    const [body, service] = l.nodes;
    expect(body!.height).toBeGreaterThanOrEqual(service!.height);
    expectTidy(l);
  });

  it('Given forty services under five bodies, When laid out, Then they stack without overlapping and the pooled money and pot stay inside the picture', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      stream(`Body ${i % 5}`, `Service number ${i}`, 1_000 + i * 997, i % 3 !== 0),
    );
    const l = layout(many, 10_000);
    expect(nodes(l, 'body')).toHaveLength(5);
    expect(nodes(l, 'service')).toHaveLength(40);
    // Services of one body are together, in the map's order within it.
    expect(nodes(l, 'service').map((s) => s.group)).toEqual(
      [...many].map((_, i) => i % 5).sort((a, b) => a - b),
    );
    expectTidy(l);
  });

  it('Given very long names, When laid out narrow, Then each box grows to the height of its words and nothing overlaps or leaves the picture', () => {
    const long = 'Northmoor Integrated Care Board community mental health and wellbeing partnership services';
    const l = layout(
      [stream(long, long, 10_000), stream(long, 'Short', 20), stream('NHS', `${long} ${long}`, 5_000)],
      1_000,
      { width: 420 },
    );
    const words = (x: MapNode) => metrics.textHeight(x, l.textWidth);
    for (const x of l.nodes) expect(x.textHeight).toBe(Math.max(LINE, words(x)));
    expect(nodes(l, 'service')[2]!.height).toBeGreaterThan(nodes(l, 'service')[1]!.height);
    expectTidy(l);
  });

  it('Given a wider tablet or larger text, When the columns are worked out, Then the room between them grows with the width within 1.2 to 3 lines and the four columns fill the rest', () => {
    for (const [width, line] of [
      [755, 21],
      [1212, 32],
      [300, 40],
    ] as const) {
      const c = columnsFor(width, line);
      expect(c.gap).toBeGreaterThanOrEqual(1.2 * line);
      expect(c.gap).toBeLessThanOrEqual(3 * line);
      expect(4 * c.columnWidth + 3 * c.gap).toBeCloseTo(width, 6);
      expect(c.textWidth).toBe(c.columnWidth - 2 * c.padding);
    }
  });

  it('Given a ribbon, When drawn, Then its outline is a closed band from the box it leaves to the box it reaches', () => {
    const path = ribbonPath({
      kind: 'pool',
      from: 'a',
      to: 'b',
      group: 0,
      pence: 1,
      x0: 100,
      y0: 10,
      x1: 200,
      y1: 50.04,
      thickness: 5,
    });
    expect(path).toBe('M100 10C150 10 150 50 200 50L200 55C150 55 150 15 100 15Z');
  });
});

describe('the money map picture on a narrow screen', () => {
  const narrow = (streams: FundingStream[], potPounds: number, width = 280): MoneyMapLayout =>
    layout(streams, potPounds, { width, shape: MAP_SHAPE.narrow });

  const text = { lineHeight: LINE, em: EM };
  /** Room for the words of the narrowest box at the size `fitFor` chose. */
  const roomAt = (width: number, t: { lineHeight: number; em: number }, scale: number): number =>
    narrowColumns(width, t.lineHeight * scale, t.em * scale).textWidth + 0.01;

  it('Given a tablet, When the shape is chosen, Then it is four columns at full size; Given 280 px, Then two columns, and the widest word and amount fit their box whole', () => {
    // Widest word 110 px ("Neighbourhood" in bold), widest amount 85 px ("£3,065,000"), 20 px lines.
    const widest = { word: 110, amount: 85 };
    expect(fitFor(760, text, widest)).toEqual({ shape: MAP_SHAPE.wide, scale: 1, hasLegend: false });
    const phone = fitFor(280, text, widest);
    expect(phone.shape).toBe(MAP_SHAPE.narrow);
    expect(phone.hasLegend).toBe(false);
    expect(phone.scale).toBeGreaterThanOrEqual(MIN_SCALE);
    expect(110 * phone.scale).toBeLessThanOrEqual(roomAt(280, text, phone.scale));
    expect(85 * phone.scale).toBeLessThanOrEqual(roomAt(280, text, phone.scale));
  });

  it('Given larger text on a phone, When the words would have to shrink under MIN_SCALE to fit two columns, Then they are not shrunk (they were 10 px beside 27 px text): the boxes show their numbers, at full size where they fit, and the words go under the picture', () => {
    const large = { lineHeight: 1.5 * 27, em: 27 };
    // "Neighbourhood" in bold at 27 px (large text), in a 253 px picture (a 320 px phone).
    const fit = fitFor(253, large, { word: 200, amount: 150, key: 30 });
    expect(fit).toEqual({ shape: MAP_SHAPE.narrow, scale: 1, hasLegend: true });
    expect(30).toBeLessThanOrEqual(roomAt(253, large, 1));
    // An amount too wide does the same; a number too wide for its box at full size is made as small as fits.
    expect(fitFor(253, large, { word: 100, amount: 400, key: 30 }).hasLegend).toBe(true);
    const tight = fitFor(253, large, { word: 200, amount: 150, key: 400 });
    expect(tight.hasLegend).toBe(true);
    expect(tight.scale).toBeLessThan(1);
    expect(400 * tight.scale).toBeLessThanOrEqual(roomAt(253, large, tight.scale));
    // Just at MIN_SCALE, the words are still drawn in the picture.
    const room = (share: number): number =>
      narrowColumns(253, large.lineHeight * share, large.em * share).textWidth;
    const atFloor = fitFor(253, large, { word: room(MIN_SCALE) / MIN_SCALE - 0.5, amount: 10 });
    expect(atFloor.hasLegend).toBe(false);
    expect(atFloor.scale).toBeGreaterThanOrEqual(MIN_SCALE);
  });

  it('Given Urdu’s tall lines (2.1 times the font size), When two columns are worked out, Then its words get as much room across as with 1.5 lines: gaps and the indent are not counted in its tall lines', () => {
    const urdu = narrowColumns(280, 2.1 * EM, EM);
    const latin = narrowColumns(280, 1.5 * EM, EM);
    expect(urdu.textWidth).toBeCloseTo(latin.textWidth, 6);
    expect(urdu.indent).toBeCloseTo(1.5 * 1.5 * EM, 6);
    const widest = { word: 110, amount: 85 };
    expect(fitFor(280, { lineHeight: 2.1 * EM, em: EM }, widest).scale).toBeCloseTo(
      fitFor(280, { lineHeight: 1.5 * EM, em: EM }, widest).scale,
      6,
    );
  });

  it('Given three public bodies in two columns, When laid out, Then each body is above its services (indented under it), the pooled money is beside them with the pot under it, and nothing overlaps or leaves the picture', () => {
    const l = narrow([...council, nhs, police], 50_000);
    expect(l.shape).toBe(MAP_SHAPE.narrow);
    const [bodies, services] = [nodes(l, 'body'), nodes(l, 'service')];
    const [pooled, pot] = [nodes(l, 'pooled')[0]!, nodes(l, 'pot')[0]!];
    expect(services.map((s) => s.name)).toEqual([
      'Youth services',
      'Parks',
      'Adult social care',
      'Community health',
      'Neighbourhood policing',
    ]);
    for (const s of services) {
      const body = bodies[s.group]!;
      expect(s.y).toBeGreaterThan(body.y + body.height);
      expect(s.x).toBeGreaterThan(body.x);
      expect(s.x + s.width).toBeCloseTo(body.x + body.width, 6);
      const next = bodies[s.group + 1];
      if (next) expect(s.y + s.height).toBeLessThan(next.y);
    }
    expect(pooled.x).toBeGreaterThan(bodies[0]!.x + bodies[0]!.width);
    expect(pot.x).toBe(pooled.x);
    expect(pot.y).toBeGreaterThan(pooled.y + pooled.height);
    expect(pot.x + pot.width).toBeCloseTo(280, 6);
    expectTidy(l);
  });

  it('Given services of different sizes in two columns, When laid out, Then the ribbons from a body are as thick as its money on one scale, bending down from its body into its service, and the largest body’s ribbons fit under it beside its services', () => {
    const l = narrow([...council, nhs, police], 50_000);
    const spends = l.links.filter((x) => x.kind === 'spend');
    expect(spends.map((x) => x.path)).toEqual(Array(5).fill('bend'));
    const [youth, parks] = nodes(l, 'service');
    expect(link(l, 'spend', parks!.key).thickness / link(l, 'spend', youth!.key).thickness).toBeCloseTo(
      1.5,
      6,
    );
    const pool = link(l, 'pool', 'pooled');
    expect(link(l, 'pot', 'pot').thickness).toBeCloseTo((50_000 * 100 * pool.thickness) / pool.pence, 6);
    expect(link(l, 'pot', 'pot').path).toBe('down');
    for (const s of nodes(l, 'service')) {
      const x = link(l, 'spend', s.key);
      const body = nodes(l, 'body')[s.group]!;
      // From the body's bottom edge, within the room left of the services, into the service's edge.
      expect(x.y0).toBeCloseTo(body.y + body.height, 6);
      expect(x.x0).toBeGreaterThanOrEqual(0);
      expect(x.x0 + x.thickness).toBeLessThanOrEqual(s.x);
      expect(x.x1).toBe(s.x);
      expect(x.y1).toBeGreaterThanOrEqual(s.y);
      expect(x.y1 + x.thickness).toBeLessThanOrEqual(s.y + s.height + 0.001);
    }
    // The first service's ribbon is on the inside of the bend: ribbons of one body never cross.
    const council3 = nodes(l, 'service')
      .slice(0, 3)
      .map((s) => link(l, 'spend', s.key));
    for (let i = 1; i < council3.length; i++) {
      expect(council3[i]!.x0 + council3[i]!.thickness).toBeCloseTo(council3[i - 1]!.x0, 6);
    }
  });

  it('Given forty services under five bodies in two columns, When laid out, Then every small service keeps a visible ribbon, the indent grows to fit them, and nothing overlaps', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      stream(`Body ${i % 5}`, `Service number ${i}`, 1_000 + i * 997, i % 3 !== 0),
    );
    const l = narrow(many, 10_000);
    expect(nodes(l, 'service')).toHaveLength(40);
    for (const x of l.links) expect(x.thickness).toBeGreaterThanOrEqual(MIN_RIBBON);
    expectTidy(l);
  });

  it('Given small services that can be pooled, When laid out in two columns, Then each ribbon into the pooled money is at least MIN_POOL_RIBBON thick, a larger amount never thinner, and each runs along a lane of its own in the gap', () => {
    const small = [
      stream('Council', 'Adult social care', 2_150_000, false),
      stream('Council', 'Youth services', 420_000),
      stream('Council', 'Libraries', 185_000),
      stream('NHS', 'Community health', 380_000),
      stream('Police and Crime Commissioner', 'Safety fund', 95_000),
      stream('Housing', 'Community investment', 150_000),
    ];
    const l = narrow(small, 250_000);
    const pools = expectPoolLanes(l, nodes(l, 'body')[0]!.x + l.columnWidth);
    expect(pools).toHaveLength(5);
    // Above the floor, widths keep the money's proportions: youth (420,000) against health (380,000).
    const [youth, health] = ['Youth services', 'Community health'].map((name) =>
      pools.find((x) => x.from === nodes(l, 'service').find((s) => s.name === name)!.key)!,
    );
    expect(youth!.thickness / health!.thickness).toBeCloseTo(420 / 380, 6);
    expectTidy(l);
  });

  it('Given a map with no services, or nothing that can be pooled, When laid out in two columns, Then the picture is empty, or has no ribbon on to the pooled money and the pot', () => {
    expect(narrow([], 0).height).toBe(0);
    const l = narrow([stream('Police', 'Patrols', 10_000, false)], 500);
    expect(l.links.map((x) => x.kind)).toEqual(['spend']);
    expectTidy(l);
  });

  it('Given ribbons that bend down or run straight down, When drawn, Then each outline is a closed band of its thickness', () => {
    const bend = ribbonPath({
      kind: 'spend',
      from: 'a',
      to: 'b',
      group: 0,
      pence: 1,
      x0: 10,
      y0: 40,
      x1: 30,
      y1: 60,
      thickness: 4,
      path: 'bend',
    });
    expect(bend).toBe('M10 40Q10 64 30 64L30 60Q14 60 14 40Z');
    const down = ribbonPath({
      kind: 'pot',
      from: 'a',
      to: 'b',
      group: -1,
      pence: 1,
      x0: 100,
      y0: 50,
      x1: 100,
      y1: 80,
      thickness: 3,
      path: 'down',
    });
    expect(down).toBe('M100 50L103 50L103 80L100 80Z');
  });

  it('Given a ribbon along a lane, When drawn, Then its outline runs across to the lane, along it, and across into the next box, rounding its corners; going up, it is the same turned upside down', () => {
    const lane = {
      kind: 'pool',
      from: 'a',
      to: 'pooled',
      group: 0,
      pence: 1,
      x0: 100,
      y0: 10,
      x1: 140,
      y1: 100,
      thickness: 4,
      path: 'lane',
      laneX: 120,
    } as const;
    expect(ribbonPath(lane)).toBe(
      'M100 10L114 10Q124 10 124 20L124 94Q124 100 130 100L140 100L140 104' +
        'L130 104Q120 104 120 94L120 20Q120 14 114 14L100 14Z',
    );
    expect(ribbonPath({ ...lane, y0: 100, y1: 10 })).toBe(
      'M100 104L114 104Q124 104 124 94L124 20Q124 14 130 14L140 14L140 10' +
        'L130 10Q120 10 120 20L120 94Q120 100 114 100L100 100Z',
    );
    // Boxes that face each other: drawn across.
    expect(ribbonPath({ ...lane, y1: 12 })).toMatch(/^M100 10C/);
  });
});
