import { expect, it } from 'vitest';
import { assignProductItems } from '../../../src/app/items/assign-product-items.js';
import { createTemplate } from '../../../src/app/settings/templates/create-template.js';
import { deleteTemplate } from '../../../src/app/settings/templates/delete-template.js';
import { getTemplate } from '../../../src/app/settings/templates/get-template.js';
import { listTemplates } from '../../../src/app/settings/templates/list-templates.js';
import { setDefaultTemplate } from '../../../src/app/settings/templates/set-default-template.js';
import type { TemplatesDeps } from '../../../src/app/settings/templates/template-fields.js';
import { updateTemplate } from '../../../src/app/settings/templates/update-template.js';
import type { TestDatabase } from '../../adapters/db/support/storage-targets.js';
import { anAssignment } from '../../builders/assignment.builder.js';
import { aStore, NOW } from '../../builders/store.builder.js';
import { fixedClock } from '../../fakes/clock.js';

/**
 * Run by templates.test.ts on the in-memory storage (the unit tier) and by
 * templates.integration.test.ts on SQLite and PostgreSQL.
 */
export function templatesSuite(db: () => TestDatabase): void {
  const deps = (): TemplatesDeps => ({ templates: db().repos.templates, clock: fixedClock(NOW) });

  it('creates a template with defaults for what is not given; the first is the default', async () => {
    const store = await aStore(db().repos);
    const first = await createTemplate(deps(), { storeId: store.id, template: { name: '  Standard  ' } });
    expect(first).toMatchObject({
      ok: true,
      template: {
        name: 'Standard',
        isDefault: true,
        buttonText: '',
        threshold: null,
        incomingStock: 0,
        backInStockDate: null,
      },
    });
    const second = await createTemplate(deps(), {
      storeId: store.id,
      template: {
        name: 'Pre-order',
        buttonText: 'Pre-order',
        backorderMessage: 'Ships {back_in_stock_date}',
      },
    });
    expect(second).toMatchObject({ ok: true, template: { isDefault: false } });
    expect((await listTemplates(deps(), { storeId: store.id })).map((t) => t.name)).toEqual([
      'Pre-order',
      'Standard',
    ]);
    if (!second.ok) return;
    expect(
      await setDefaultTemplate(deps(), { storeId: store.id, templateId: second.template.id }),
    ).toMatchObject({
      ok: true,
      template: { isDefault: true },
    });
  });

  it('refuses unknown placeholders in any text, naming the field', async () => {
    const store = await aStore(db().repos);
    for (const field of ['buttonText', 'backorderMessage', 'cartMessage', 'packingSlipMessage'] as const) {
      const result = await createTemplate(deps(), {
        storeId: store.id,
        template: { name: `T ${field}`, [field]: 'Back {soon}' },
      });
      expect(result, field).toMatchObject({ ok: false, code: 'TEMPLATE.UNKNOWN_PLACEHOLDER' });
      if (!result.ok) expect(result.message).toMatch(/^[a-z_]+: Unknown placeholder \{soon\}/);
    }
    expect(await listTemplates(deps(), { storeId: store.id })).toEqual([]);
  });

  it('refuses bad names and values with codes', async () => {
    const store = await aStore(db().repos);
    const cases = [
      [{ name: '' }, 'TEMPLATE.INVALID_NAME'],
      [{ name: 'x'.repeat(101) }, 'TEMPLATE.INVALID_NAME'],
      [{ name: 'T', threshold: -1 }, 'TEMPLATE.INVALID_THRESHOLD'],
      [{ name: 'T', threshold: 1.5 }, 'TEMPLATE.INVALID_THRESHOLD'],
      [{ name: 'T', incomingStock: -2 }, 'TEMPLATE.INVALID_INCOMING_STOCK'],
      [{ name: 'T', backInStockDate: '2099-02-30' }, 'TEMPLATE.INVALID_DATE'],
      [{ name: 'T', cartMessage: 'x'.repeat(2001) }, 'TEMPLATE.TEXT_TOO_LONG'],
    ] as const;
    for (const [template, code] of cases) {
      expect(await createTemplate(deps(), { storeId: store.id, template }), code).toMatchObject({
        ok: false,
        code,
      });
    }
    const made = await createTemplate(deps(), { storeId: store.id, template: { name: 'T' } });
    if (!made.ok) throw new Error(made.message);
    const id = made.template.id;
    expect(await updateTemplate(deps(), { storeId: store.id, templateId: id, patch: {} })).toMatchObject({
      ok: false,
      code: 'TEMPLATE.NOTHING_TO_CHANGE',
    });
    expect(
      await updateTemplate(deps(), { storeId: store.id, templateId: id, patch: { cartMessage: '{x}' } }),
    ).toMatchObject({ ok: false, code: 'TEMPLATE.UNKNOWN_PLACEHOLDER' });
    expect(await createTemplate(deps(), { storeId: store.id, template: { name: 'T' } })).toMatchObject({
      ok: false,
      code: 'TEMPLATE.NAME_TAKEN',
    });
    expect(await getTemplate(deps(), { storeId: store.id, templateId: id })).toMatchObject({
      ok: true,
      template: { cartMessage: '' },
    });
  });

  it('deletes only a template that is neither the default nor used by a product', async () => {
    const store = await aStore(db().repos);
    const standard = await createTemplate(deps(), { storeId: store.id, template: { name: 'Standard' } });
    const used = await createTemplate(deps(), { storeId: store.id, template: { name: 'Used' } });
    const spare = await createTemplate(deps(), { storeId: store.id, template: { name: 'Spare' } });
    if (!standard.ok || !used.ok || !spare.ok) throw new Error('templates');
    const assignment = anAssignment(store.id);
    await assignProductItems(db().repos, {
      ...assignment,
      product: { ...assignment.product, templateId: used.template.id },
    });

    const del = (templateId: number) => deleteTemplate(deps(), { storeId: store.id, templateId });
    expect(await del(standard.template.id)).toMatchObject({ ok: false, code: 'TEMPLATE.IS_DEFAULT' });
    expect(await del(used.template.id)).toMatchObject({ ok: false, code: 'TEMPLATE.IN_USE' });
    expect(await del(spare.template.id)).toEqual({ ok: true });
    expect(await del(spare.template.id)).toMatchObject({ ok: false, code: 'TEMPLATE.NOT_FOUND' });
    expect(await getTemplate(deps(), { storeId: store.id, templateId: spare.template.id })).toMatchObject({
      ok: false,
      code: 'TEMPLATE.NOT_FOUND',
    });
  });
}
