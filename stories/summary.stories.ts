import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

const sections = [
  {
    id: 'person',
    heading: 'Persönliche Daten',
    items: [
      { label: 'Name', value: 'Frau Anna Muster' },
      { label: 'Geburtsdatum', value: '27. März 1985' },
      { label: 'Anschrift', value: 'Musterstraße 1, 10115 Berlin' },
    ],
  },
  {
    id: 'tariff',
    heading: 'Tarif und Zahlung',
    items: [
      { label: 'Tarif', value: 'Partner Privat' },
      { label: 'Monatlich', value: '5,90 €' },
      { label: 'Zahlung', value: 'SEPA-Lastschrift, IBAN DE89 …3000' },
    ],
  },
];

const meta: Meta = {
  title: 'Primitives/Summary',
  component: 'tk-summary',
  render: () => html`<tk-summary .sections=${sections}></tk-summary>`,
};
export default meta;

export const Review: StoryObj = {};
export const Empty: StoryObj = { render: () => html`<tk-summary></tk-summary>` };
