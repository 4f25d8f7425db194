import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import type * as PinFunctions from '../../domain/pin';
import type { PinAttempts } from '../../storage/appDb';
import { claimTry, clearTries, readTries, remainingWaitMs, settleWrongTry } from '../../storage/pinTries';
import { useFacilitatorLock } from '../facilitatorLock';
import { useT } from '../i18n';
import { navigate, routeHash } from '../router';
import { useServices } from '../services';
import { usePageTitle } from '../usePageTitle';
import { useSession } from '../useSession';
import { LoadFailed } from './LoadFailed';
import './facilitator.css';
import '../gateMessages';

type PinModule = typeof PinFunctions;

/**
 * The PIN step in front of facilitator mode. Wrong tries are counted per session in the device database
 * (src/storage/pinTries.ts), one try at a time, so a reload, a second tab or a double tap does not dodge the wait
 * between tries; the right PIN clears the count and unlocks this session. On a
 * tablet in kiosk mode for this session it is the only way out of the kiosk: the right PIN ends kiosk mode
 * (committed before facilitator mode opens), and "back" leads to the kiosk, never to the home screen.
 * Something that cannot be a PIN (letters, too short or too long) gets the PIN's rule in words and is not
 * counted: no stored PIN has that shape, so it is a slip of the finger, not a guess.
 */
export function PinScreen({ sessionId }: { sessionId: string }) {
  const t = useT();
  const services = useServices();
  const { unlock, kioskLock, endKioskMode } = useFacilitatorLock();
  const isKiosk = kioskLock?.sessionId === sessionId;
  const back = isKiosk
    ? { href: routeHash({ name: 'kiosk', sessionId }), label: t('kiosk.lock.backToKiosk') }
    : { href: '#/', label: t('fac.backHome') };
  const session = useSession(sessionId);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState('');
  const [pinModule, setPinModule] = useState<PinModule | null>(null);
  /** undefined while loading; null when there were no failures. */
  const [attempts, setAttempts] = useState<PinAttempts | null | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());
  /** 'wait': a try refused unchecked, because a wait began since this screen last read the count. */
  const [problem, setProblem] = useState<'wrong' | 'empty' | 'format' | 'wait' | null>(null);
  /** Each refusal draws its alert anew, so a screen reader says it again when the same problem comes twice. */
  const [refusals, setRefusals] = useState(0);
  const [isChecking, setChecking] = useState(false);
  /** Set at once, not at the next drawing: a second submit in the same moment (a double tap) is no second try. */
  const isTrying = useRef(false);

  useEffect(() => {
    void import('../../domain/pin').then((m) => setPinModule(() => m));
  }, []);

  useEffect(() => {
    let isCurrent = true;
    void readTries(services.db, sessionId).then((a) => isCurrent && setAttempts(a));
    return () => {
      isCurrent = false;
    };
  }, [services.db, sessionId]);

  const failures = attempts?.failures ?? 0;
  const remainingMs = pinModule && attempts ? remainingWaitMs(attempts, now, pinModule.pinDelayMs) : 0;
  const waitSeconds = remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
  const isWaiting = waitSeconds > 0;

  useEffect(() => {
    if (!isWaiting) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [isWaiting]);

  const settings = session.view?.settings;
  const isMissing = session.state === 'missing' || session.state === 'failed';
  usePageTitle(t(isMissing ? 'fac.gate.notFoundHeading' : 'fac.gate.heading'), settings?.title);
  const isReady = pinModule !== null && attempts !== undefined && settings !== undefined;

  const refuse = (why: 'wrong' | 'empty' | 'format' | 'wait'): void => {
    setProblem(why);
    setRefusals((n) => n + 1);
    input.current?.focus();
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!isReady || isTrying.current || isWaiting) return;
    if (pin === '') return refuse('empty');
    let digits: string;
    try {
      digits = pinModule.checkPinFormat(pin);
    } catch {
      return refuse('format');
    }
    isTrying.current = true;
    setChecking(true);
    const claim = await claimTry(services.db, sessionId, pinModule.pinDelayMs);
    if (!claim.isAllowed) {
      // A wait began since this screen last read the count (a try in another tab): the PIN is not checked. Said
      // once, as a wrong try's wait is; focus stays in the field (pressing Enter there moves it nowhere).
      isTrying.current = false;
      setAttempts(claim.attempts);
      setNow(Date.now());
      setChecking(false);
      return refuse('wait');
    }
    const isRight = await pinModule.verifyPin(digits, settings.pin).catch(() => false);
    if (isRight) {
      await clearTries(services.db, sessionId);
      // If storage refuses, facilitator mode still opens; the tablet is a kiosk again after a reload.
      if (isKiosk) await endKioskMode().catch(() => undefined);
      unlock(sessionId);
      return;
    }
    setAttempts(await settleWrongTry(services.db, claim.attempts));
    setNow(Date.now());
    isTrying.current = false;
    setChecking(false);
    refuse('wrong');
  };

  const leaveMissingKiosk = async (): Promise<void> => {
    await endKioskMode().catch(() => undefined);
    navigate({ name: 'home' });
  };

  if (isMissing) {
    return (
      <main class="page" id="main" tabIndex={-1}>
        <h1>{t('fac.gate.notFoundHeading')}</h1>
        <LoadFailed session={session} sessionId={sessionId} />
        {isKiosk && session.state === 'missing' ? (
          // A kiosk for a session this tablet no longer holds: no PIN can be checked, so nothing is guarded.
          <button type="button" class="btn" onClick={() => void leaveMissingKiosk()}>
            {t('fac.gate.leaveKioskMode')}
          </button>
        ) : (
          <a class="btn" href={back.href}>
            {back.label}
          </a>
        )}
      </main>
    );
  }

  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const waitId = `${id}-wait`;
  const described = [hintId, problem ? problemId : '', isWaiting ? waitId : ''].filter(Boolean).join(' ');
  /** A try refused for the wait was not checked: what was typed is not wrong. */
  const isInvalid = problem !== null && problem !== 'wait';

  return (
    <main class="page fac-gate" id="main" tabIndex={-1}>
      <h1>{t('fac.gate.heading')}</h1>
      {settings ? <p class="lead">{t('fac.gate.forSession', { title: settings.title })}</p> : null}
      {isKiosk ? <p class="notice">{t('fac.gate.kioskMode')}</p> : null}
      {!isReady ? (
        <p>{t('common.loading')}</p>
      ) : (
        <form class="card fac-gate__form" onSubmit={(e) => void submit(e)} noValidate>
          <div class={`field${isInvalid ? ' field--error' : ''}`}>
            <label for={id}>{t('fac.gate.pinLabel')}</label>
            <p class="field__hint" id={hintId}>
              {t('fac.gate.pinHint')}
            </p>
            {problem ? (
              <p class="field__error" id={problemId} role="alert" key={refusals}>
                {problem === 'empty'
                  ? t('fac.gate.empty')
                  : problem === 'format'
                    ? t('fac.form.pinRule', { min: LIMITS.minPinLength, max: LIMITS.maxPinLength })
                    : problem === 'wait'
                      ? t('fac.gate.slowedDown')
                      : failures >= 3
                        ? `${t('fac.gate.wrong')} ${t('fac.gate.slowedDown')}`
                        : t('fac.gate.wrong')}
              </p>
            ) : null}
            <input
              ref={input}
              id={id}
              class="fac-gate__input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onInput={(e) => setPin(e.currentTarget.value)}
              aria-describedby={described}
              aria-invalid={isInvalid ? true : undefined}
            />
          </div>
          {isWaiting ? (
            <p class="fac-wait" id={waitId}>
              {t('fac.gate.wait', { count: waitSeconds })}
            </p>
          ) : null}
          <div class="btn-row">
            <button type="submit" class="btn btn--primary btn--large" disabled={isChecking || isWaiting}>
              {isChecking ? t('fac.gate.checking') : t('fac.gate.unlock')}
            </button>
            <a class="btn" href={back.href}>
              {back.label}
            </a>
          </div>
        </form>
      )}
    </main>
  );
}
