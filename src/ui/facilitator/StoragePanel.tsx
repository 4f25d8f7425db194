import { useEffect, useState } from 'preact/hooks';
import { checkStorage, type StorageReport } from '../../storage/quota';
import { useT } from '../i18n';
import { bytesInWords } from './format';

/** How much space the app uses and has on this device, and whether the browser will keep the data. */
export function StoragePanel() {
  const t = useT();
  const [report, setReport] = useState<StorageReport | null>(null);

  useEffect(() => {
    let isCurrent = true;
    checkStorage().then(
      (r) => isCurrent && setReport(r),
      () => isCurrent && setReport({ state: 'bestEffort', usageBytes: null, quotaBytes: null }),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  return (
    <section aria-labelledby="fac-storage-heading" class="fac-section">
      <h2 id="fac-storage-heading">{t('fac.storage.heading')}</h2>
      {report === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <p>
            {report.usageBytes !== null && report.quotaBytes !== null
              ? t('storage.space', {
                  used: bytesInWords(t, report.usageBytes),
                  total: bytesInWords(t, report.quotaBytes),
                })
              : t('storage.unknownSpace')}
          </p>
          {report.state === 'privateWindow' ? (
            <p class="alert">{t('storage.privateWindow')}</p>
          ) : report.state === 'bestEffort' ? (
            <p class="notice">{t('storage.bestEffort')}</p>
          ) : report.state === 'unavailable' ? (
            <p class="alert">{t('storage.unavailable')}</p>
          ) : (
            <p>{t('fac.storage.persistent')}</p>
          )}
        </>
      )}
    </section>
  );
}
