// How the explorer draws each entity kind: a colour from the colour-blind-safe palette and a shape,
// so that every kind is told apart by its shape alone and, as far as the palette goes, by colour.
import { ENTITIES } from '../../src/graph/entities';
import { NODE_SHAPES, PALETTE } from '../../src/graph/entity/display';

describe('the kinds as the explorer draws them', () => {
  it('have a colour from the palette and a shape the explorer draws', () => {
    for (const entity of ENTITIES) {
      expect(Object.values(PALETTE)).toContain(entity.display.colour);
      expect(NODE_SHAPES).toContain(entity.display.shape);
    }
  });

  it('differ from each other in colour and shape together, and in each alone', () => {
    const pairs = ENTITIES.map((entity) => `${entity.display.colour} ${entity.display.shape}`);
    expect(new Set(pairs).size).toBe(ENTITIES.length);
    expect(new Set(ENTITIES.map((entity) => entity.display.shape)).size).toBe(ENTITIES.length);
    expect(new Set(ENTITIES.map((entity) => entity.display.colour)).size).toBe(ENTITIES.length);
  });

  it('keep products and cell types apart', () => {
    const display = (label: string) => ENTITIES.find((entity) => entity.label === label)!.display;
    expect(display('Product').colour).not.toBe(display('CellType').colour);
    expect(display('Product').shape).not.toBe(display('CellType').shape);
  });
});
