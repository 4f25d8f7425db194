import { useEffect, useState } from 'preact/hooks';
import { currentVoices, subscribeVoices } from './voiceList';

/** The tablet's voices, re-rendering when more arrive (voiceList.ts watches for them). */
export function useVoices(): readonly SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState(currentVoices);
  useEffect(() => {
    const unsubscribe = subscribeVoices(() => setVoices(currentVoices()));
    setVoices(currentVoices());
    return unsubscribe;
  }, []);
  return voices;
}
