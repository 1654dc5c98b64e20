import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A development page (`/dev/outbox`, `/dev/operator`): English, its own stylesheet, the content in `<main>`. */
export const devPage = (title: string, stylesheet: string, main: HtmlEscapedString | Promise<HtmlEscapedString>) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – telkit</title>
        <link rel="stylesheet" href="${stylesheet}" />
      </head>
      <body>
        <main>${main}</main>
      </body>
    </html>`;
