import type { Catalogue } from '../types';

/**
 * The room with no internet: gathering every tablet's ideas on one device and handing the room's ideas back, by
 * the share sheet, a saved file or the camera. Loaded with the room view (src/ui/facilitator/room/) and the
 * dashboard's link to it, registered with addMessages() by src/ui/facilitator/room/messages.ts.
 */
export const room = {
  // The dashboard's way in
  'room.link.heading': 'The room with no internet',
  'room.link.text':
    'Before priorities start, bring every tablet’s ideas together and hand them back, so residents on every tablet can back every idea.',
  'room.link.open': 'Gather the room',

  // The screen
  'room.eyebrow': 'The room',
  'room.heading': 'Gather the room’s ideas',
  'room.intro':
    'No internet is needed. First gather: each tablet sends its ideas to one device. Then hand back: that device sends the room’s ideas to every tablet. Do this before priorities start.',
  'room.back': 'Back to the dashboard',
  'room.steps': 'Steps',
  'room.step.gather': '1. Gather',
  'room.step.handBack': '2. Hand back',

  // Gather
  'room.gather.heading': '1. Gather every tablet’s ideas',
  'room.gather.do1':
    'On each tablet: open facilitator mode, then “Gather the room”, then “Send to a nearby device” and pick the device gathering.',
  'room.gather.do2':
    'On the device gathering: receive each file below. You see what it adds before anything changes.',
  'room.gather.do3': 'When every tablet is gathered, go on to “2. Hand back”.',
  'room.gather.progress': {
    one: 'Gathered from {gathered} of {count} tablet.',
    other: 'Gathered from {gathered} of {count} tablets.',
  },
  'room.elsewhere':
    'This tablet gave its ideas to the device gathering the room. That device shows which tablets are gathered and which still need the room’s ideas.',
  'room.gather.none': 'No other tablet of this session is known here yet. Receive a tablet’s file to start.',
  'room.gather.send': 'Send this tablet’s ideas',
  'room.gather.receive': 'Receive a tablet’s ideas',

  // Hand back
  'room.handBack.heading': '2. Hand back the room’s ideas',
  'room.handBack.do1':
    'On the device that gathered: “Send to a nearby device” and pick every tablet (Quick Share and AirDrop let you pick several).',
  'room.handBack.do2':
    'On each tablet: open “Gather the room”, then “2. Hand back”, and receive the file (from Files or Downloads if it did not open by itself).',
  'room.handBack.do3':
    'A tablet shows as up to date here once it has sent its file again after receiving the room’s ideas.',
  'room.handBack.progress': {
    one: '{behind} of {count} tablet may still be missing ideas.',
    other: '{behind} of {count} tablets may still be missing ideas.',
  },
  'room.handBack.allSent': 'Every tablet has been sent the room’s ideas.',
  'room.handBack.send': 'Send the room’s ideas',
  'room.handBack.receive': 'Receive the room’s ideas',

  // Sending
  'room.send.share': 'Send to a nearby device',
  'room.send.shareHint':
    'Opens the share sheet: choose Quick Share (Android) or AirDrop (iPad), then the other device. No internet needed.',
  'room.send.preparing': 'Getting the file ready…',
  'room.send.save': 'Save the file',
  'room.send.camera': 'Send by camera',
  'room.send.noShare':
    'This browser cannot send files to nearby devices. Save the file and move it another way (USB stick or cable), or send by camera.',
  'room.send.typeRefused':
    'This browser does not share session files with other devices. Save the file and move it another way (USB stick or cable), or send by camera.',
  'room.send.shared': 'Sent “{fileName}” ({size}). On the other device, add it to this session.',
  'room.send.saved':
    'Saved “{fileName}” ({size}) in this device’s downloads. Move it to the other device and add it there.',
  'room.send.cancelled': 'Nothing was sent: the share sheet was closed.',
  'room.send.failed':
    'The share sheet did not send the file. Save the file instead, or send by camera. Nothing has been changed.',
  'room.send.notReady': 'The file could not be made: {reason}',

  // Receiving
  'room.receive.camera': 'Receive by camera',
  'room.receive.where':
    'A file sent by Quick Share or AirDrop is in this device’s Files or Downloads: choose it here. On Android, a file shared to this app opens on its home screen.',

  // Tablets
  'room.tablets.heading': 'Tablets in this room',
  'room.tablets.caption':
    'What this device sent to and received from each tablet today, and which are behind.',
  'room.tablets.tablet': 'Tablet',
  'room.tablets.received': 'Received from it',
  'room.tablets.sent': 'Sent to it',
  'room.tablets.state': 'State',
  'room.tablets.never': 'Not yet',
  'room.tablets.self': '{name} (this device)',
  'room.state.notGathered': 'Not gathered yet',
  'room.state.behind': 'Behind: hand back the room’s ideas',
  'room.state.sent': 'Sent the room’s ideas, not confirmed',
  'room.state.upToDate': 'Up to date',
  'room.state.gathering': 'Gathering the room: this tablet sent it its ideas',

  // The log
  'room.log.heading': 'Transfers on this device',
  'room.log.empty': 'Nothing sent or received in the room yet.',
  'room.log.received': '{when}: received from {device} by {way} ({size}).',
  'room.log.receivedAdded': {
    one: '{when}: received from {device} by {way} ({size}), {count} new record.',
    other: '{when}: received from {device} by {way} ({size}), {count} new records.',
  },
  'room.log.sent': '{when}: sent to {device} by {way} ({size}).',
  'room.log.sentAnyone': '{when}: sent by {way} ({size}) to the devices picked there.',
  'room.log.savedFile': '{when}: saved the file on this device ({size}), for the tablets you give it to.',
  'room.log.unknownDevice': 'another device',
  'room.way.share': 'share sheet',
  'room.way.file': 'file',
  'room.way.camera': 'camera',
} satisfies Catalogue;
