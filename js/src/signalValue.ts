/**
 * React state that follows a model: the view re-renders when the model's signal fires,
 * reading the model's current value. Models keep their state and emit; views only read.
 */
import { ISignal } from '@lumino/signaling';
import { useEffect, useState } from 'react';

export function useSignalValue<T>(signal: ISignal<unknown, unknown>, read: () => T): T {
  const [value, setValue] = useState<T>(read);
  useEffect(() => {
    const update = () => setValue(read());
    signal.connect(update);
    update();
    return () => {
      signal.disconnect(update);
    };
    // `read` reads the model behind `signal`: the signal alone names what to follow
  }, [signal]);
  return value;
}
