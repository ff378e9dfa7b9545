import { describe, expect, it } from 'vitest';
import { dispositionSchema, OUTCOME_CLASSES, outcomeLabel, outcomeSchema, type OutcomeClass } from '../../src/shared/history.ts';
import { describeHolder, formatEta, ITEM_STATE_LABELS, itemStateSchema, JOB_STATE_LABELS, jobStateSchema } from '../../src/shared/jobs.ts';
import { INPUT_TYPES } from '../../src/shared/template.ts';
import { outcomeGroupWords, outcomeWords } from '../../src/renderer/src/features/history/outcome-words.ts';
import { etaWords, holderWords, itemStateWords, jobStateWords } from '../../src/renderer/src/features/jobs/job-words.ts';
import { addField, parseTemplateText, TYPE_LABELS } from '../../src/renderer/src/features/library/form-template.ts';
import { newFieldWords, templateProblemWords, typeWords } from '../../src/renderer/src/features/library/library-words.ts';
import { translator } from '../support/translate.ts';

// The renderer's words for codes that src/shared labels in English (for the CLI): in English they must
// say exactly what shared says, so translating the views changed no English text.


const en = translator('en');
const pl = translator('pl');
const uk = translator('uk');

describe('outcome words', () => {
  it('say in English what outcomeLabel says, for every outcome, disposition and outbox state', () => {
    for (const outcome of outcomeSchema.options) {
      for (const disposition of [null, ...dispositionSchema.options]) {
        for (const outbox of [null, 'waiting', 'delivered'] as const) {
          const entry = { outcome, disposition, outbox };
          expect(outcomeWords(en, entry, 'en'), JSON.stringify(entry)).toBe(outcomeLabel(entry));
        }
      }
    }
    for (const group of Object.keys(OUTCOME_CLASSES) as OutcomeClass[]) expect(outcomeGroupWords(en, group)).toBe(OUTCOME_CLASSES[group].label);
  });

  it('keep "Outcome unknown" first for what may have landed, in every language', () => {
    const entry = { outcome: 'timeout' as const, disposition: 'maybe-landed' as const };
    expect(outcomeWords(en, entry, 'en')).toBe('Outcome unknown (timed out)');
    expect(outcomeWords(pl, entry, 'pl')).toBe('Wynik nieznany (przekroczono czas oczekiwania)');
    expect(outcomeWords(uk, entry, 'uk')).toBe('Результат невідомий (час очікування минув)');
    expect(outcomeWords(pl, { outcome: 'network_error', outbox: 'waiting' }, 'pl')).toBe('Czeka w „Do wysłania”');
  });
});

describe('job words', () => {
  it('say in English what shared/jobs.ts says', () => {
    for (const state of jobStateSchema.options) expect(jobStateWords(en, state)).toBe(JOB_STATE_LABELS[state]);
    for (const state of itemStateSchema.options) expect(itemStateWords(en, state)).toBe(ITEM_STATE_LABELS[state]);
    for (const kind of ['app', 'cli'] as const) expect(holderWords(en, { kind, pid: 4242, host: 'desk-1' })).toBe(describeHolder({ kind, pid: 4242, host: 'desk-1' }));
    for (const ms of [0, 400, 999, 1000, 45_000, 59_600, 60_000, 185_000, 3_599_000, 3_600_000, 7_800_000, 90_000_000]) expect(etaWords(en, ms), String(ms)).toBe(formatEta(ms));
  });

  it("write durations the language's way", () => {
    expect(etaWords(pl, 185_000)).toBe('3\u00a0min 5\u00a0s');
    expect(etaWords(uk, 7_800_000)).toBe('2 год 10 хв');
    expect(holderWords(pl, { kind: 'app', pid: 7, host: 'h' })).toBe('aplikacja Event Desk (pid 7 na h)');
  });
});

describe('form builder words', () => {
  it('say in English what form-template.ts says', () => {
    for (const type of INPUT_TYPES) {
      expect(typeWords(en, type)).toBe(TYPE_LABELS[type]);
      const words = newFieldWords(en, type);
      expect(addField({ fields: [], template: {} }, type, words.label, words.choices)).toEqual(addField({ fields: [], template: {} }, type));
    }
    const notJson = parseTemplateText('{');
    const notObject = parseTemplateText('[1]');
    if (!('problem' in notJson) || !('problem' in notObject)) throw new Error('expected problems');
    expect(templateProblemWords(en, notJson)).toBe(notJson.problem);
    expect(templateProblemWords(en, notObject)).toBe(notObject.problem);
  });

  it('give a new field a label in the language, with a data key it can send', () => {
    const form = addField({ fields: [], template: {} }, 'number', newFieldWords(pl, 'number').label, newFieldWords(pl, 'number').choices);
    expect(form.fields[0]).toMatchObject({ label: 'Nowe pole liczbowe', key: 'nowe_pole_liczbowe' });
    expect(newFieldWords(uk, 'choice').choices).toEqual(['Варіант 1', 'Варіант 2']);
  });
});
