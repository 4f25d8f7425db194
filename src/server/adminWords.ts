/**
 * Every word the council admin's command line (adminCli.ts) prints, in English (`en`) and Welsh (`cy`), and the
 * line `npm start` and `npm run server` print when the server cannot start (startProblem.ts).
 *
 * A message is a string with `{placeholder}`s. `cy` has exactly the keys of `en` (a missing or extra key is a type
 * error) and the same placeholders (checked by test/unit/server/admin.test.ts). Command names, option names and
 * values a script may read (roles, kinds, ids, timestamps) stay as they are in both languages; only words change.
 * Welsh: modern standard Welsh, the "chi" form, the terms of the app's Welsh staff screens (dyfais, swyddog,
 * hwylusydd, cymdogaeth, sesiwn, cod cofrestru, tabled; neilltuo for assign, dirymu for revoke).
 */

export type AdminLang = 'en' | 'cy';

export const ADMIN_LANGS: readonly AdminLang[] = ['en', 'cy'];

export const en = {
  usage: `Usage: npm run admin -- <command> [options]

Commands:
  enrol --role facilitator|officer --name "Tablet 3" [--expires-minutes 60] [--json]
                      make a one-time enrolment code for a device (printed with a QR code)
  devices [--json]    list enrolled devices
  revoke <deviceId>   refuse that device: its open connections close within seconds, new ones are refused
  assign <deviceId> <sessionId>
  assign <deviceId> --neighbourhood "Ashfield North"
                      give a facilitator device a session, or every session of a neighbourhood
                      (it lists them and may open them; officers see every session already)
  unassign <deviceId> <sessionId>
  unassign <deviceId> --neighbourhood "Ashfield North"
                      take that assignment away again
  assignments [<deviceId>] [--json]
                      list assignments, of every device or of one
  updates --device <deviceId> [--session <sessionId>] [--json]
                      list the updates a device sent (when, which session, how big)
  rollback --session <sessionId> --device <deviceId> [--json]
                      undo that device's contribution to the session with a new update
  allow-relay --device <deviceId> --session <sessionId> [--hours 24] [--json]
                      after restoring a backup: let an officer device send that session's ideas, comments and
                      residents' records it holds (when no tablet holds them any more), for 24 hours or --hours
  end-relay --device <deviceId> --session <sessionId>
                      end that permission now
  relays [--json]     list the permissions to relay that are still running
  participants --session <sessionId> [--json]
                      list a session's participants (to find a resident who asks for erasure): the tablet, when
                      the turn started, its language, whether they gave about-you answers, erased or not; never
                      the answers themselves
  backup <file>       write a consistent copy of the database to <file> (owner-only), also while the server runs
  compact [--session <sessionId>] [--json]
                      store each session (or one) as one snapshot plus one row per device, so it loads fast
                      and takes less disk; rollback keeps working; the server also does this on its own
  erase-answers --session <sessionId> [--participant <participantId>] [--json]
  erase-answers --older-than <days> [--session <sessionId>] [--json]
                      erase residents' about-you answers (one participant, a session, or every answer given
                      more than <days> days ago): removed from the stored updates and from the file, not only
                      hidden; the residents still count as taking part. RETENTION_DAYS=<days> makes the server
                      do the --older-than erasure on its own, every hour
  council-key <private-key-file> [--json]
                      make a council key pair for residents' about-you answers: prints the public key (paste it
                      into each session's form) and writes the private key to the file (owner-only; keep it safe)

Every command also takes:
  --lang en|cy        the language of these messages: English, or Welsh (Cymraeg). Without it: NCD_LANG, else
                      Welsh if the locale (LC_ALL, LC_MESSAGES or LANG) starts with "cy", else English.

The database is DATA_DIR/codesign.sqlite: set DATA_DIR to the folder the server uses (npm start uses ./data
unless DATA_DIR is set). Every command but council-key says which database it used (on stderr) and refuses
if there is none.`,

  // The command line itself
  notACommand: '"{command}" is not a command.',
  unknownOption: "Unknown option '{option}'.",
  optionNeedsValue: 'The option {option} needs a value after it.',
  optionTakesNoValue: 'The option {option} takes no value.',
  languageUnknown: '"{value}" is not a language of these commands: use --lang en or --lang cy.',
  languageMissing: 'Say which language after --lang: --lang en or --lang cy.',
  takesNo: '"{command}" takes no "{value}".',
  optionNotFor: '"{command}" does not take the option {option}.',
  devicePositional: '"{command}" takes the device id on its own, not after --device: {example}.',
  seeHelp: 'See "npm run admin -- help" for every command and its options.',
  commandFailed: 'The command failed: {reason}',

  // npm start and npm run server: why the server did not start (startProblem.ts), on one line
  cannotStart: 'Cannot start: {reason}',
  serverCannotWrite: 'The server cannot write to {folder}: make it writable by the user the server runs as.',
  dataDirIsFile: 'DATA_DIR {folder} is a file, not a folder: set DATA_DIR to a folder.',
  dataDirUnderFile:
    'DATA_DIR {folder} cannot be made: {file} is a file, not a folder. Set DATA_DIR to a folder.',
  dataDirUnusable:
    'The server cannot make or open the data folder {folder} ({code}): set DATA_DIR to a folder the server may create and write.',
  dataDirInUse:
    'The data folder {folder} is already in use by another server{by}: stop that one first, or set DATA_DIR to another folder.',
  inUseByProcess: ' (process {pid})',
  inUseByProcessOn: ' (process {pid} on {host})',
  portInUse: 'port {port} is already in use. Set PORT to a free port.',

  // the database and files
  councilDatabase: 'Council database: {file}',
  noDatabase:
    'There is no council database at {file}. Set DATA_DIR to the folder the server uses (npm start uses ./data unless DATA_DIR is set).',
  dataDirNotWritable:
    'Cannot write to {folder}: run this command as the user the server runs as, and make the folder writable by that user.',
  noFolder: 'There is no folder {folder}: create it first, or choose a file in a folder that exists.',
  folderNotWritable:
    'Cannot write to {folder}: make it writable by the user you run this command as, or choose another folder.',
  notAFolder: 'Part of the path {file} is a file, not a folder: check the path.',

  // counts
  participantsOne: '{count} participant',
  participantsMany: '{count} participants',
  daysOne: '{count} day',
  daysMany: '{count} days',
  recordsOne: '{count} record',
  recordsMany: '{count} records',

  // enrol
  roleMissing: 'Say which role the device gets: --role facilitator or --role officer.',
  notARole: '"{role}" is not a role: use facilitator or officer.',
  nameMissing: 'Give the device a name people recognise: --name "Tablet 3".',
  nameTooLong: 'The device name is too long: at most 100 characters.',
  expiresMinutes: '--expires-minutes must be a whole number of minutes from 1 to 10080 (a week).',
  enrolled:
    'Enrolment code for {name} ({role}): {code}\nIt works once, valid until {until}. Type it on the device, or scan:',
  roleFacilitator: 'facilitator',
  roleOfficer: 'officer',
  until: '{time} on {date}',

  // devices
  noDevices: 'No devices are enrolled yet.',
  devicesId: 'ID',
  devicesName: 'NAME',
  devicesCodeName: 'CODE NAME',
  devicesRole: 'ROLE',
  devicesEnrolled: 'ENROLLED',
  devicesRevoked: 'REVOKED',

  // revoke
  revokeExample: 'revoke <deviceId>',
  revokeWhich: 'Say which device to revoke: revoke <deviceId> (see "devices").',
  revokeOne: 'Revoke one device at a time.',
  noDevice: 'There is no device {device}. Give the whole id, as "devices" lists it.',
  noDeviceMeant:
    'There is no device {device}. Give the whole id, as "devices" lists it: did you mean {match}?',
  wholeSessionId: '"{value}" is not a whole session id: give all of it. Did you mean {match}?',
  revoked:
    'Device {device} is revoked: a running server closes its open connections within a few seconds and refuses it from then on.',

  // assign, unassign
  assignExample: '{command} <deviceId> <sessionId>, or {command} <deviceId> --neighbourhood "Ashfield North"',
  sayWhichDevice: 'Say which device: {example} (see "devices").',
  oneSessionAtATime: 'Give one session at a time: {example}.',
  sessionOrNeighbourhood: 'Give a session or a neighbourhood, not both: {example}.',
  neighbourhoodEmpty: 'The neighbourhood name is empty: --neighbourhood "Ashfield North".',
  neighbourhoodTooLong: 'The neighbourhood name is too long: at most 100 characters.',
  sayWhichSession: 'Say which session: {example}.',
  notASessionId: '"{value}" is not a session id (a UUID, see the app\'s session details).',
  officerDevice: 'Device {device} is an officer device: it sees every session already.',
  revokedDevice: 'Device {device} was revoked: enrol the tablet again and assign the new device.',
  assignedSession: 'Device {device} now has session {session}: it lists it and may open it.',
  assignedNeighbourhood:
    'Device {device} now has the sessions of {neighbourhood}: it lists and may open them.',
  alreadySession: 'Device {device} already had session {session}: nothing changed.',
  alreadyNeighbourhood: 'Device {device} already had the sessions of {neighbourhood}: nothing changed.',
  notAssignedSession: 'Device {device} does not have session {session} assigned. See "assignments".',
  notAssignedNeighbourhood:
    'Device {device} does not have the sessions of {neighbourhood} assigned. See "assignments".',
  unassignedSession:
    'Device {device} no longer has session {session} (it keeps the sessions it has written to).',
  unassignedNeighbourhood:
    'Device {device} no longer has the sessions of {neighbourhood} (it keeps the sessions it has written to).',

  // assignments
  assignmentsExample: 'assignments [<deviceId>]',
  assignmentsOne: 'List one device at a time: assignments [<deviceId>].',
  assignmentsBySession:
    '"assignments" lists by device, not by session (a device may have a session through its neighbourhood): run "assignments" for every device, or "assignments <deviceId>" for one.',
  noAssignments: 'No device has an assignment yet.',
  deviceNoAssignment: 'Device {device} has no assignment.',
  assignmentsDevice: 'DEVICE',
  assignmentsKind: 'KIND',
  assignmentsValue: 'SESSION OR NEIGHBOURHOOD',
  assignmentsAssigned: 'ASSIGNED',

  // updates
  updatesWhose: 'Say whose updates to list: --device <deviceId>.',
  notASessionIdShort: '"{value}" is not a session id.',
  noUpdates: 'Device {device} sent no updates.',
  updatesId: 'ID',
  updatesSession: 'SESSION',
  updatesReceived: 'RECEIVED',
  updatesBytes: 'BYTES',

  // rollback
  rollbackSession: 'Say which session to roll back: --session <sessionId> (a UUID).',
  rollbackDevice: 'Say whose contribution to roll back: --device <deviceId>.',
  rollbackNoSession: 'There is no session {session} on this server.',
  rollbackNoUpdates: 'Device {device} sent no updates to session {session}.',
  nothingToRollBack: 'Nothing to roll back: session {session} already has nothing from device {device}.',
  rolledBack:
    'Rolled back device {device} in session {session}: {removed} removed, {restored} restored. Connected devices receive it within a few seconds.',

  // allow-relay, end-relay, relays
  relayWhich:
    'Say which officer device and which session: {command} --device <deviceId> --session <sessionId> (whole ids, see "devices").',
  relayFacilitator:
    'Device {device} is a facilitator device: it may send every session it opens already. Only an officer device needs this.',
  relayRevoked: 'Device {device} was revoked: enrol it again first.',
  relayHours: '--hours must be a whole number of hours from 1 to 168 (a week).',
  relayAllowed:
    'Device {device} may now send what it holds of session {session} (ideas, comments, residents and their priorities), until {until}. On that device, reload the officer view: it sends them as it syncs. Run "end-relay" once it has synced.',
  relayEnded:
    'Device {device} may no longer send session {session}: it sends only decisions and paper ballots again.',
  relayNone: 'Device {device} has no permission to send session {session} running.',
  relaysNone: 'No device may relay a session now.',
  relaysGranted: 'GRANTED',
  relaysUntil: 'UNTIL',

  // backup
  backupWhere: 'Say where to write the backup: backup <file>.',
  backupIsLive:
    '{file} is the council database itself (or one of its files): write the backup to another file, for example /backups/codesign-2026-12-07.sqlite.',
  backupIsFolder: '{file} is a folder: give a file name in it, for example {example}.',
  // participants
  participantsSession:
    "Say which session: participants --session <sessionId> (a UUID, see the app's session details).",
  participantsNone: 'Session {session} has no participants yet.',
  participantsId: 'PARTICIPANT',
  participantsTablet: 'TABLET',
  participantsStarted: 'STARTED (LOCAL TIME)',
  participantsLanguage: 'LANGUAGE',
  participantsAnswers: 'ABOUT-YOU ANSWERS',
  participantsRetention: 'RETENTION FROM (LOCAL TIME)',
  participantsErased: 'ERASED',
  participantsPaper: 'paper sheet',
  answersGiven: 'given',
  answersNone: 'none',
  // compact
  compactSession:
    'Say which session to compact with --session <sessionId> (a UUID), or leave it out for all.',
  compactNoSession: 'There is no session {session} on this server.',
  compactIncomplete:
    'Session {session} has updates that wait for others it does not have, so it was not compacted.',
  compactNothing: 'Nothing to compact: every session is already compacted.',
  compacted:
    'Compacted session {session}: {rowsBefore} rows ({bytesBefore} bytes) now {rowsAfter} rows ({bytesAfter} bytes) and a snapshot of {snapshotBytes} bytes.',
  // erase-answers
  eraseSession:
    'Say which session with --session <sessionId> (a UUID), or give --older-than <days> for every session.',
  eraseParticipantEmpty:
    'Say which participant after --participant (their id: see "participants --session <sessionId>").',
  eraseParticipantOrOlder: 'Give --participant or --older-than, not both.',
  eraseParticipantSession: 'Say which session the participant took part in: --session <sessionId>.',
  eraseOlderThan: '--older-than must be a whole number of days from 1 to 36500.',
  eraseNoSession: 'There is no session {session} on this server.',
  eraseNoParticipant:
    'Session {session} has no participant {participant}. Give the whole id, as "participants --session {session}" lists it.',
  eraseNothing: 'Nothing to erase: no answers are stored for the participants chosen in session {session}.',
  eraseNothingOlder: 'Nothing to erase: no answers given more than {days} ago are stored.',
  erased:
    'Erased the about-you answers of {participants} in session {session} ({purged} stored values removed from the archive).',
  erasedReach:
    'Connected devices receive the erasure within a few seconds, others when they next sync. Clear tablets as the admin guide says.',
  eraseSessionFailed:
    'Could not erase the answers in session {session}, so nothing in it was changed: {reason}. Run the same command again; if it fails again, see "Erase residents’ answers" in the admin guide.',
  eraseFileBusy:
    'The server was reading the database, so the old bytes may still be in its log file: run the same command again in a minute.',
  backupOne: 'Give one backup file.',
  backedUp: 'Backed up the database to {file}.',

  // council-key
  councilKeyWhere:
    'Say where to write the private key: council-key <file> (a new file, on a drive only the council can read).',
  councilKeyOne: 'Give one private key file.',
  councilKeyExists:
    'The file {file} already exists: it may hold a council key still needed to read answers. Choose a new file name.',
  councilKeyMade:
    "Council key {kid} made.\nThe private key is in {file} (readable by you only). Keep it safe and keep old ones: answers sealed to key {kid} can only be read with it. Never put it on a tablet.\nPaste this public key into each session's form (Questions about residents, Council key for residents’ answers):\n\n{publicKey}",
} as const;

export type AdminWordKey = keyof typeof en;

/** Every English message is one string literal (not `'a' + 'b'`), or its placeholders would not be typed. */
type NotLiteral = { [K in AdminWordKey]: string extends (typeof en)[K] ? K : never }[AdminWordKey];
const everyMessageIsLiteral: [NotLiteral] extends [never] ? true : NotLiteral = true;
void everyMessageIsLiteral;

export const cy: { readonly [K in AdminWordKey]: string } = {
  usage: `Defnydd: npm run admin -- <gorchymyn> [opsiynau]

Gorchmynion:
  enrol --role facilitator|officer --name "Tabled 3" [--expires-minutes 60] [--json]
                      creu cod cofrestru untro ar gyfer dyfais (wedi’i argraffu gyda chod QR)
  devices [--json]    rhestru’r dyfeisiau sydd wedi’u cofrestru
  revoke <id-dyfais>  dirymu’r ddyfais honno: mae ei chysylltiadau agored yn cau o fewn eiliadau, a chaiff rhai
                      newydd eu gwrthod
  assign <id-dyfais> <id-sesiwn>
  assign <id-dyfais> --neighbourhood "Ashfield North"
                      neilltuo sesiwn i ddyfais hwylusydd, neu bob sesiwn mewn cymdogaeth
                      (bydd y ddyfais yn eu rhestru ac yn gallu eu hagor; mae swyddogion yn gweld pob sesiwn yn barod)
  unassign <id-dyfais> <id-sesiwn>
  unassign <id-dyfais> --neighbourhood "Ashfield North"
                      tynnu’r neilltuo hwnnw yn ôl
  assignments [<id-dyfais>] [--json]
                      rhestru’r hyn sydd wedi’i neilltuo, i bob dyfais neu i un
  updates --device <id-dyfais> [--session <id-sesiwn>] [--json]
                      rhestru’r diweddariadau a anfonodd dyfais (pryd, i ba sesiwn, pa mor fawr)
  rollback --session <id-sesiwn> --device <id-dyfais> [--json]
                      dadwneud cyfraniad y ddyfais honno i’r sesiwn gyda diweddariad newydd
  allow-relay --device <id-dyfais> --session <id-sesiwn> [--hours 24] [--json]
                      ar ôl adfer copi wrth gefn: gadael i ddyfais swyddog anfon syniadau, sylwadau a chofnodion
                      preswylwyr y sesiwn honno sydd ganddi (pan nad oes tabled yn eu dal mwyach), am 24 awr neu --hours
  end-relay --device <id-dyfais> --session <id-sesiwn>
                      dod â’r caniatâd hwnnw i ben nawr
  relays [--json]     rhestru’r caniatâd i drosglwyddo sy’n dal i redeg
  participants --session <id-sesiwn> [--json]
                      rhestru cyfranogwyr sesiwn (i ddod o hyd i breswylydd sy’n gofyn am ddileu): y tabled, pryd
                      y dechreuodd y tro, ei iaith, a roddodd atebion amdanoch chi, wedi’u dileu neu beidio; byth
                      yr atebion eu hunain
  backup <ffeil>      ysgrifennu copi cyson o’r gronfa ddata i <ffeil> (i’r perchennog yn unig), hyd yn oed tra bo’r
                      gweinydd yn rhedeg
  compact [--session <id-sesiwn>] [--json]
                      cadw pob sesiwn (neu un) fel un ciplun ac un rhes i bob dyfais, fel ei bod yn llwytho’n gyflym
                      ac yn cymryd llai o ddisg; mae dadwneud yn dal i weithio; mae’r gweinydd yn gwneud hyn ei hun hefyd
  erase-answers --session <id-sesiwn> [--participant <id-cyfranogwr>] [--json]
  erase-answers --older-than <dyddiau> [--session <id-sesiwn>] [--json]
                      dileu atebion ‘amdanoch chi’ y trigolion (un cyfranogwr, sesiwn, neu bob ateb a roddwyd
                      fwy na <dyddiau> diwrnod yn ôl): cânt eu tynnu o’r diweddariadau sydd wedi’u cadw ac o’r
                      ffeil, nid eu cuddio’n unig; mae’r trigolion yn dal i gyfrif fel rhai a gymerodd ran. Mae
                      RETENTION_DAYS=<dyddiau> yn gwneud i’r gweinydd ddileu gyda --older-than ei hun, bob awr
  council-key <ffeil-allwedd-breifat> [--json]
                      gwneud pâr allweddi’r cyngor ar gyfer atebion amdanoch chi’r trigolion: dangos yr allwedd
                      gyhoeddus (ei gludo i ffurflen pob sesiwn) ac ysgrifennu’r allwedd breifat i’r ffeil (i’r
                      perchennog yn unig; cadwch hi’n ddiogel)

Mae pob gorchymyn hefyd yn derbyn:
  --lang en|cy        iaith y negeseuon hyn: Saesneg (English), neu Gymraeg. Hebddo: NCD_LANG, neu Gymraeg os yw
                      gosodiad iaith y system (LC_ALL, LC_MESSAGES neu LANG) yn dechrau â "cy", neu Saesneg.

Y gronfa ddata yw DATA_DIR/codesign.sqlite: gosodwch DATA_DIR i’r ffolder y mae’r gweinydd yn ei defnyddio (mae
npm start yn defnyddio ./data oni bai bod DATA_DIR wedi’i osod). Mae pob gorchymyn ond council-key yn dweud pa gronfa
ddata a ddefnyddiodd (ar stderr), ac yn gwrthod os nad oes un.`,

  notACommand: 'Nid yw "{command}" yn orchymyn.',
  unknownOption: "Nid yw '{option}' yn opsiwn.",
  optionNeedsValue: 'Mae angen gwerth ar ôl yr opsiwn {option}.',
  optionTakesNoValue: 'Nid yw’r opsiwn {option} yn cymryd gwerth.',
  languageUnknown:
    'Nid yw "{value}" yn un o ieithoedd y gorchmynion hyn: defnyddiwch --lang cy neu --lang en.',
  languageMissing: 'Dywedwch pa iaith ar ôl --lang: --lang cy neu --lang en.',
  takesNo: 'Nid yw "{command}" yn cymryd "{value}".',
  optionNotFor: 'Nid yw "{command}" yn cymryd yr opsiwn {option}.',
  devicePositional: 'Mae "{command}" yn cymryd ID y ddyfais ar ei ben ei hun, nid ar ôl --device: {example}.',
  seeHelp: 'Gweler "npm run admin -- help" am bob gorchymyn a’i opsiynau.',
  commandFailed: 'Methodd y gorchymyn: {reason}',

  cannotStart: 'Methu cychwyn: {reason}',
  serverCannotWrite:
    'Ni all y gweinydd ysgrifennu i {folder}: gwnewch hi’n ysgrifenadwy i’r defnyddiwr y mae’r gweinydd yn rhedeg fel.',
  dataDirIsFile: 'Mae DATA_DIR {folder} yn ffeil, nid yn ffolder: gosodwch DATA_DIR i ffolder.',
  dataDirUnderFile:
    'Nid oes modd gwneud DATA_DIR {folder}: mae {file} yn ffeil, nid yn ffolder. Gosodwch DATA_DIR i ffolder.',
  dataDirUnusable:
    'Ni all y gweinydd wneud nac agor y ffolder ddata {folder} ({code}): gosodwch DATA_DIR i ffolder y caiff y gweinydd ei chreu ac ysgrifennu iddi.',
  dataDirInUse:
    'Mae’r ffolder ddata {folder} yn cael ei defnyddio gan weinydd arall yn barod{by}: stopiwch hwnnw yn gyntaf, neu gosodwch DATA_DIR i ffolder arall.',
  inUseByProcess: ' (proses {pid})',
  inUseByProcessOn: ' (proses {pid} ar {host})',
  portInUse: 'mae porth {port} yn cael ei ddefnyddio’n barod. Gosodwch PORT i borth rhydd.',

  councilDatabase: 'Cronfa ddata’r cyngor: {file}',
  noDatabase:
    'Nid oes cronfa ddata’r cyngor yn {file}. Gosodwch DATA_DIR i’r ffolder y mae’r gweinydd yn ei defnyddio (mae npm start yn defnyddio ./data oni bai bod DATA_DIR wedi’i osod).',
  dataDirNotWritable:
    'Nid oes modd ysgrifennu i {folder}: rhedwch y gorchymyn hwn fel y defnyddiwr y mae’r gweinydd yn rhedeg fel, a gwnewch y ffolder yn ysgrifenadwy i’r defnyddiwr hwnnw.',
  noFolder: 'Nid oes ffolder {folder}: crëwch hi yn gyntaf, neu dewiswch ffeil mewn ffolder sy’n bodoli.',
  folderNotWritable:
    'Nid oes modd ysgrifennu i {folder}: gwnewch hi’n ysgrifenadwy i’r defnyddiwr sy’n rhedeg y gorchymyn hwn, neu dewiswch ffolder arall.',
  notAFolder: 'Mae rhan o’r llwybr {file} yn ffeil, nid yn ffolder: gwiriwch y llwybr.',

  participantsOne: '{count} cyfranogwr',
  participantsMany: '{count} cyfranogwr',
  daysOne: '{count} diwrnod',
  daysMany: '{count} diwrnod',
  recordsOne: '{count} cofnod',
  recordsMany: '{count} cofnod',

  roleMissing: 'Dywedwch pa rôl y mae’r ddyfais yn ei chael: --role facilitator neu --role officer.',
  notARole: 'Nid yw "{role}" yn rôl: defnyddiwch facilitator (hwylusydd) neu officer (swyddog).',
  nameMissing: 'Rhowch enw i’r ddyfais y bydd pobl yn ei adnabod: --name "Tabled 3".',
  nameTooLong: 'Mae enw’r ddyfais yn rhy hir: dim mwy na 100 nod.',
  expiresMinutes: 'Rhaid i --expires-minutes fod yn rhif cyfan o funudau, o 1 i 10080 (wythnos).',
  enrolled:
    'Cod cofrestru ar gyfer {name} ({role}): {code}\n' +
    'Mae’n gweithio unwaith, ac mae’n ddilys tan {until}. Teipiwch ef ar y ddyfais, neu sganiwch y cod QR:',
  roleFacilitator: 'hwylusydd',
  roleOfficer: 'swyddog',
  until: '{time} ar {date}',

  noDevices: 'Nid oes unrhyw ddyfeisiau wedi’u cofrestru eto.',
  devicesId: 'ID',
  devicesName: 'ENW',
  devicesCodeName: 'ENW’R COD',
  devicesRole: 'RÔL',
  devicesEnrolled: 'COFRESTRWYD',
  devicesRevoked: 'DIRYMWYD',

  revokeExample: 'revoke <id-dyfais>',
  revokeWhich: 'Dywedwch pa ddyfais i’w dirymu: revoke <id-dyfais> (gweler "devices").',
  revokeOne: 'Dirymwch un ddyfais ar y tro.',
  noDevice: 'Nid oes dyfais {device}. Rhowch yr ID cyfan, fel y mae "devices" yn ei restru.',
  noDeviceMeant:
    'Nid oes dyfais {device}. Rhowch yr ID cyfan, fel y mae "devices" yn ei restru: ai {match} oedd gennych mewn golwg?',
  wholeSessionId: 'Nid yw "{value}" yn ID sesiwn cyfan: rhowch y cyfan. Ai {match} oedd gennych mewn golwg?',
  revoked:
    'Mae dyfais {device} wedi’i dirymu: bydd gweinydd sy’n rhedeg yn cau ei chysylltiadau agored o fewn ychydig ' +
    'eiliadau ac yn ei gwrthod o hynny ymlaen.',

  assignExample:
    '{command} <id-dyfais> <id-sesiwn>, neu {command} <id-dyfais> --neighbourhood "Ashfield North"',
  sayWhichDevice: 'Dywedwch pa ddyfais: {example} (gweler "devices").',
  oneSessionAtATime: 'Rhowch un sesiwn ar y tro: {example}.',
  sessionOrNeighbourhood: 'Rhowch sesiwn neu gymdogaeth, nid y ddwy: {example}.',
  neighbourhoodEmpty: 'Mae enw’r gymdogaeth yn wag: --neighbourhood "Ashfield North".',
  neighbourhoodTooLong: 'Mae enw’r gymdogaeth yn rhy hir: dim mwy na 100 nod.',
  sayWhichSession: 'Dywedwch pa sesiwn: {example}.',
  notASessionId: 'Nid yw "{value}" yn ID sesiwn (UUID, gweler manylion y sesiwn yn yr ap).',
  officerDevice: 'Mae dyfais {device} yn ddyfais swyddog: mae’n gweld pob sesiwn yn barod.',
  revokedDevice: 'Mae dyfais {device} wedi’i dirymu: cofrestrwch y tabled eto a neilltuwch y ddyfais newydd.',
  assignedSession:
    'Mae sesiwn {session} wedi’i neilltuo i ddyfais {device} bellach: bydd y ddyfais yn ei rhestru ac yn gallu ' +
    'ei hagor.',
  assignedNeighbourhood:
    'Mae sesiynau {neighbourhood} wedi’u neilltuo i ddyfais {device} bellach: bydd y ddyfais yn eu rhestru ac yn ' +
    'gallu eu hagor.',
  alreadySession:
    'Roedd sesiwn {session} wedi’i neilltuo i ddyfais {device} yn barod: nid oes dim wedi newid.',
  alreadyNeighbourhood:
    'Roedd sesiynau {neighbourhood} wedi’u neilltuo i ddyfais {device} yn barod: nid oes dim wedi newid.',
  notAssignedSession: 'Nid yw sesiwn {session} wedi’i neilltuo i ddyfais {device}. Gweler "assignments".',
  notAssignedNeighbourhood:
    'Nid yw sesiynau {neighbourhood} wedi’u neilltuo i ddyfais {device}. Gweler "assignments".',
  unassignedSession:
    'Nid yw sesiwn {session} wedi’i neilltuo i ddyfais {device} mwyach (mae’r ddyfais yn cadw’r sesiynau y mae ' +
    'wedi ysgrifennu ynddynt).',
  unassignedNeighbourhood:
    'Nid yw sesiynau {neighbourhood} wedi’u neilltuo i ddyfais {device} mwyach (mae’r ddyfais yn cadw’r ' +
    'sesiynau y mae wedi ysgrifennu ynddynt).',

  assignmentsExample: 'assignments [<id-dyfais>]',
  assignmentsOne: 'Rhestrwch un ddyfais ar y tro: assignments [<id-dyfais>].',
  assignmentsBySession:
    'Mae "assignments" yn rhestru fesul dyfais, nid fesul sesiwn (gall sesiwn fod wedi’i neilltuo i ddyfais drwy ei chymdogaeth): rhedwch "assignments" ar gyfer pob dyfais, neu "assignments <id-dyfais>" ar gyfer un.',
  noAssignments: 'Nid oes dim wedi’i neilltuo i unrhyw ddyfais eto.',
  deviceNoAssignment: 'Nid oes dim wedi’i neilltuo i ddyfais {device}.',
  assignmentsDevice: 'DYFAIS',
  assignmentsKind: 'MATH',
  assignmentsValue: 'SESIWN NEU GYMDOGAETH',
  assignmentsAssigned: 'NEILLTUWYD',

  updatesWhose: 'Dywedwch pa ddyfais y dylid rhestru ei diweddariadau: --device <id-dyfais>.',
  notASessionIdShort: 'Nid yw "{value}" yn ID sesiwn.',
  noUpdates: 'Nid yw dyfais {device} wedi anfon unrhyw ddiweddariadau.',
  updatesId: 'ID',
  updatesSession: 'SESIWN',
  updatesReceived: 'DERBYNIWYD',
  updatesBytes: 'BEITIAU',

  rollbackSession: 'Dywedwch ym mha sesiwn y dylid dadwneud y cyfraniad: --session <id-sesiwn> (UUID).',
  rollbackDevice: 'Dywedwch pa ddyfais y dylid dadwneud ei chyfraniad: --device <id-dyfais>.',
  rollbackNoSession: 'Nid oes sesiwn {session} ar y gweinydd hwn.',
  rollbackNoUpdates: 'Nid yw dyfais {device} wedi anfon unrhyw ddiweddariadau i sesiwn {session}.',
  nothingToRollBack: 'Nid oes dim i’w ddadwneud: nid oes dim o ddyfais {device} yn sesiwn {session} bellach.',
  rolledBack:
    'Wedi dadwneud cyfraniad dyfais {device} yn sesiwn {session}: {removed} wedi’u tynnu, {restored} ' +
    'wedi’u hadfer. Bydd dyfeisiau sydd wedi’u cysylltu yn cael y newid o fewn ychydig eiliadau.',

  relayWhich:
    'Dywedwch pa ddyfais swyddog a pha sesiwn: {command} --device <id-dyfais> --session <id-sesiwn> (yr id cyfan, gweler "devices").',
  relayFacilitator:
    'Mae dyfais {device} yn ddyfais hwylusydd: mae’n gallu anfon pob sesiwn y mae’n ei hagor yn barod. Dim ond dyfais swyddog sydd angen hyn.',
  relayRevoked: 'Mae dyfais {device} wedi’i dirymu: cofrestrwch hi eto yn gyntaf.',
  relayHours: 'Rhaid i --hours fod yn nifer cyfan o oriau o 1 i 168 (wythnos).',
  relayAllowed:
    'Caiff dyfais {device} anfon nawr yr hyn sydd ganddi o sesiwn {session} (syniadau, sylwadau, preswylwyr a’u blaenoriaethau), tan {until}. Ar y ddyfais honno, ail-lwythwch olwg y swyddog: mae’n eu hanfon wrth gysoni. Rhedwch "end-relay" ar ôl iddi gysoni.',
  relayEnded:
    'Ni chaiff dyfais {device} anfon sesiwn {session} mwyach: mae’n anfon penderfyniadau a phapurau pleidleisio yn unig eto.',
  relayNone: 'Nid oes gan ddyfais {device} ganiatâd i anfon sesiwn {session} yn rhedeg.',
  relaysNone: 'Nid oes dyfais yn cael trosglwyddo sesiwn nawr.',
  relaysGranted: 'RHODDWYD',
  relaysUntil: 'TAN',

  backupWhere: 'Dywedwch ble i ysgrifennu’r copi wrth gefn: backup <ffeil>.',
  backupIsLive:
    '{file} yw cronfa ddata’r cyngor ei hun (neu un o’i ffeiliau): ysgrifennwch y copi wrth gefn i ffeil arall, er enghraifft /backups/codesign-2026-12-07.sqlite.',
  backupIsFolder: 'Mae {file} yn ffolder: rhowch enw ffeil ynddi, er enghraifft {example}.',
  participantsSession:
    'Dywedwch pa sesiwn: participants --session <id-sesiwn> (UUID, gweler manylion y sesiwn yn yr ap).',
  participantsNone: 'Nid oes gan sesiwn {session} gyfranogwyr eto.',
  participantsId: 'CYFRANOGWR',
  participantsTablet: 'TABLED',
  participantsStarted: 'DECHREUODD (AMSER LLEOL)',
  participantsLanguage: 'IAITH',
  participantsAnswers: 'ATEBION AMDANOCH CHI',
  participantsRetention: 'CYFNOD CADW O (AMSER LLEOL)',
  participantsErased: 'DILEWYD',
  participantsPaper: 'taflen bapur',
  answersGiven: 'wedi’u rhoi',
  answersNone: 'dim',
  // compact
  compactSession:
    'Dywedwch pa sesiwn i’w chywasgu gyda --session <id-sesiwn> (UUID), neu gadewch hynny allan i’w cywasgu i gyd.',
  compactNoSession: 'Nid oes sesiwn {session} ar y gweinydd hwn.',
  compactIncomplete:
    'Mae gan sesiwn {session} ddiweddariadau sy’n aros am rai eraill nad ydynt ganddi, felly ni chafodd ei chywasgu.',
  compactNothing: 'Dim i’w gywasgu: mae pob sesiwn wedi’i chywasgu’n barod.',
  compacted:
    'Cywasgwyd sesiwn {session}: mae {rowsBefore} rhes ({bytesBefore} beit) bellach yn {rowsAfter} rhes ({bytesAfter} beit) a chiplun o {snapshotBytes} beit.',
  // erase-answers
  eraseSession:
    'Dywedwch pa sesiwn gyda --session <id-sesiwn> (UUID), neu rhowch --older-than <dyddiau> ar gyfer pob sesiwn.',
  eraseParticipantEmpty:
    'Dywedwch pa gyfranogwr ar ôl --participant (ei ID: gweler "participants --session <id-sesiwn>").',
  eraseParticipantOrOlder: 'Rhowch --participant neu --older-than, nid y ddau.',
  eraseParticipantSession: 'Dywedwch ym mha sesiwn y cymerodd y cyfranogwr ran: --session <id-sesiwn>.',
  eraseOlderThan: 'Rhaid i --older-than fod yn rhif cyfan o ddyddiau, o 1 i 36500.',
  eraseNoSession: 'Nid oes sesiwn {session} ar y gweinydd hwn.',
  eraseNoParticipant:
    'Nid oes cyfranogwr {participant} yn sesiwn {session}. Rhowch yr ID cyfan, fel y mae "participants --session {session}" yn ei restru.',
  eraseNothing:
    'Dim i’w ddileu: nid oes atebion wedi’u cadw ar gyfer y cyfranogwyr a ddewiswyd yn sesiwn {session}.',
  eraseNothingOlder: 'Dim i’w ddileu: nid oes atebion a roddwyd fwy na {days} yn ôl wedi’u cadw.',
  erased:
    'Wedi dileu atebion ‘amdanoch chi’ {participants} yn sesiwn {session} ({purged} gwerth wedi’u tynnu o’r archif).',
  erasedReach:
    'Bydd dyfeisiau sydd wedi’u cysylltu yn cael y dileu o fewn ychydig eiliadau, ac eraill pan fyddant yn cysoni nesaf. Cliriwch y tabledi fel y mae’r canllaw gweinyddu yn ei ddweud.',
  eraseSessionFailed:
    'Nid oedd modd dileu’r atebion yn sesiwn {session}, felly ni newidiwyd dim ynddi: {reason}. Rhedwch yr un gorchymyn eto; os yw’n methu eto, gweler "Erase residents’ answers" yn y canllaw gweinyddu.',
  eraseFileBusy:
    'Roedd y gweinydd yn darllen y gronfa ddata, felly gall yr hen feitiau fod yn ei ffeil log o hyd: rhedwch yr un gorchymyn eto ymhen munud.',
  backupOne: 'Rhowch un ffeil wrth gefn.',
  backedUp: 'Mae copi wrth gefn o’r gronfa ddata wedi’i ysgrifennu i {file}.',

  councilKeyWhere:
    'Dywedwch ble i ysgrifennu’r allwedd breifat: council-key <ffeil> (ffeil newydd, ar yriant y gall y cyngor yn unig ei ddarllen).',
  councilKeyOne: 'Rhowch un ffeil allwedd breifat.',
  councilKeyExists:
    'Mae’r ffeil {file} yn bodoli’n barod: efallai ei bod yn dal allwedd cyngor sydd ei hangen o hyd i ddarllen atebion. Dewiswch enw ffeil newydd.',
  councilKeyMade:
    'Gwnaed allwedd cyngor {kid}.\nMae’r allwedd breifat yn {file} (dim ond chi all ei darllen). Cadwch hi’n ddiogel a chadwch yr hen rai: dim ond gyda hi y gellir darllen atebion a seliwyd i allwedd {kid}. Peidiwch byth â’i rhoi ar dabled.\nGludwch yr allwedd gyhoeddus hon i ffurflen pob sesiwn (Cwestiynau am drigolion, Allwedd y cyngor ar gyfer atebion y trigolion):\n\n{publicKey}',
};

export const ADMIN_WORDS: Readonly<Record<AdminLang, { readonly [K in AdminWordKey]: string }>> = { en, cy };

/** The `{names}` in an English message, as a union type. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

type ParamsOf<K extends AdminWordKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof en)[K]>, string | number>];

/** Says the message `key` with its placeholders filled in; TypeScript asks for exactly its placeholders. */
export type Say = <K extends AdminWordKey>(key: K, ...params: ParamsOf<K>) => string;

/** The `{names}` in a message, sorted and without repeats (for checking a translation). */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

export function wordsFor(lang: AdminLang): Say {
  const words = ADMIN_WORDS[lang];
  return (key, ...params) => {
    const values: Record<string, string | number> = params[0] ?? {};
    return words[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  };
}

export function isAdminLang(value: string): value is AdminLang {
  return (ADMIN_LANGS as readonly string[]).includes(value);
}

/** Welsh for a locale name such as `cy`, `cy_GB.UTF-8`, `cy-GB` or `cy_GB@euro`. */
function isWelshLocale(value: string): boolean {
  return /^cy([_.@-]|$)/i.test(value.trim());
}

/**
 * The language the environment asks for: NCD_LANG (`cy` or `en`, or a locale name starting with one), else the
 * messages locale as POSIX reads it (the first set of LC_ALL, LC_MESSAGES, LANG) when it is Welsh, else English.
 */
export function languageFromEnv(env: NodeJS.ProcessEnv): AdminLang {
  const chosen = env.NCD_LANG?.trim().toLowerCase() ?? '';
  if (isWelshLocale(chosen)) return 'cy';
  if (/^en([_.@-]|$)/.test(chosen)) return 'en';
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].map((v) => v?.trim() ?? '').find((v) => v !== '');
  return locale !== undefined && isWelshLocale(locale) ? 'cy' : 'en';
}

/** "1 participant", "3 participants" (in Welsh the noun stays singular after a number: "3 cyfranogwr"). */
export function countOf(say: Say, count: number, noun: 'participants' | 'days' | 'records'): string {
  return say(count === 1 ? `${noun}One` : `${noun}Many`, { count });
}
