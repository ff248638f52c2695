// Cues of arriving late and leaving early, and amounts of time.

import { NUMBER_WORD } from './session.js';


const AMOUNT = String.raw`(?:about |approximately |around |roughly |nearly |almost )?(?:\d+|${NUMBER_WORD}|a few|several|half an?|an?)(?:[- ](?:minutes?|mins?|hours?|hrs?))?`;
/** "arrived late", "Arrived 10 minutes late", "joined the call 15 min late"; not "came home late". */
export const LATE_CUE = new RegExp(String.raw`\b(?:arrived|arriving|came in|joined|logged (?:on|in)|signed (?:on|in)|showed up)(?: (?:to )?(?:the )?(?:group|session|call|video|meeting))?(?: ${AMOUNT})? late\b|\blate (?:arrival|to (?:the )?(?:group|session|call))\b|\btardy\b`, 'i');
/** "left early", "left the session at 10:15", "left after 20 minutes"; not "left the party" or "left at the end". */
export const LEFT_CUE = /\bleft (?:the (?:group|session|call|room|meeting|video) )?(?:early|before (?:the )?(?:end|break|close)|at the break)\b|\bleft (?:the (?:group|session|call|room|meeting|video) )?(?:at|after) (?!the (?:end|close))(?=\d|an? |half|the |about |around |approximately |\w+ minutes)|\b(?:had|needed) to leave (?:the (?:group|session|call)|early)\b|\bdeparted early\b|\bdisconnected and did not (?:return|rejoin)\b|\bdropped off the (?:call|video)\b/i;
/**
 * Words that every LATE_CUE (LEFT_CUE) match contains, in a form that is quick to search for: a
 * section without any has no sentence to search one by one.
 */
export const LATE_WORDS = /late|tardy/i;
export const LEFT_WORDS = /left|leave|departed|disconnected|dropped/i;
/** A time or an amount of time: "14:10", "2 pm", "10 minutes", "half an hour". */
export const TIME_AMOUNT = new RegExp(String.raw`\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\.?|\b(?:\d+|${NUMBER_WORD}|an?|a few|a couple of|several|half(?:[- ]an)?)[- ](?:minutes?|mins?|hours?|hrs?)\b|\bhalf(?:[- ]an)? hour\b`, 'i');
