import { expect, type Locator, type Page } from '@playwright/test';

/** The app's screens as a user sees them: locators by role and label, never by CSS. */
export class AppPage {
  readonly page: Page;
  readonly name: Locator;
  readonly customer: Locator;
  readonly sendButton: Locator;
  readonly sendReason: Locator;
  readonly response: Locator;
  readonly history: Locator;
  readonly historyItems: Locator;
  readonly dataEditor: Locator;

  constructor(page: Page) {
    this.page = page;
    this.name = page.getByRole('combobox', { name: 'Event name' });
    this.customer = page.getByRole('combobox', { name: 'Customer' });
    this.sendButton = page.getByRole('button', { name: /^(Send event|Sending…)$/ });
    this.sendReason = page.getByTestId('send-reason');
    this.response = page.getByTestId('response-panel');
    this.history = page.getByRole('listbox', { name: 'Recent sends, newest first' });
    this.historyItems = this.history.getByRole('option');
    this.dataEditor = page.getByTestId('data-editor');
  }

  /**
   * Replaces the Monaco content the way people enter JSON: select all, paste. (Playwright's
   * insertText reaches Monaco one character at a time: 2,000 characters take seconds.)
   */
  async setData(text: string): Promise<void> {
    await this.dataEditor.locator('.monaco-editor').waitFor();
    await this.dataEditor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.evaluate((content) => {
      const data = new DataTransfer();
      data.setData('text/plain', content);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  async compose(event: { name: string; customer: string; data?: string }): Promise<void> {
    await this.name.fill(event.name);
    await this.customer.fill(event.customer);
    // Close the picker's list so it does not cover the data editor.
    await this.customer.press('Escape');
    if (event.data !== undefined) await this.setData(event.data);
  }

  async send(): Promise<void> {
    await expect(this.sendButton).toBeEnabled();
    await this.sendButton.click();
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole('button', { name: /^Settings/ }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  outcome(): Locator {
    return this.response.locator('[data-outcome]');
  }
}
