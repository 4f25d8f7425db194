import { makeTranslator } from './i18n';

/** Shown instead of the app when the browser cannot store anything: better no app than a silent loss. */
export function StorageProblem() {
  const t = makeTranslator('en');
  return (
    <main class="page" id="main">
      <h1>{t('app.name')}</h1>
      <p class="alert" role="alert">
        {t('storage.unavailable')}
      </p>
    </main>
  );
}
