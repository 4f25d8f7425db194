import { useEffect, useState } from 'preact/hooks';
import { I18nContext, loadLanguage, makeTranslator } from './i18n';
import { PageLanguage } from './PageLanguage';
import { readStaffLanguage } from './staffLanguage';

/** Shown instead of the app when the browser cannot store anything: better no app than a silent loss. */
export function StorageProblem() {
  // In the staff language where the browser still keeps it and its words can be fetched; English meanwhile.
  const [t, setT] = useState(() => makeTranslator('en'));
  useEffect(() => {
    const code = readStaffLanguage();
    loadLanguage(code).then(
      () => setT(() => makeTranslator(code)),
      () => undefined,
    );
  }, []);
  return (
    <I18nContext.Provider value={t}>
      <PageLanguage />
      <main class="page" id="main">
        <h1>{t('app.name')}</h1>
        <p class="alert" role="alert">
          {t('storage.unavailable')}
        </p>
      </main>
    </I18nContext.Provider>
  );
}
