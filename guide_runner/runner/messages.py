"""What the runner says to the person, in Norwegian (bokmål), Swedish and English.

Guides carry their own step texts; these are the runner's own words around them. Keys are
plain names; values are ``str.format`` templates.
"""

from __future__ import annotations

LANGS = ("nb", "sv", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "step_of": {
        "nb": "Steg {n} av {total}",
        "sv": "Steg {n} av {total}",
        "en": "Step {n} of {total}",
    },
    "keys": {
        "nb": "Enter = bekreft · b = tilbake · s = hopp over · h = hjelp · q = avslutt",
        "sv": "Enter = bekräfta · b = tillbaka · s = hoppa över · h = hjälp · q = avsluta",
        "en": "Enter = confirm · b = back · s = skip · h = help · q = quit",
    },
    "no_keys": {
        "nb": "Bruk knappene i boblen i nettleseren. Ctrl-C avslutter.",
        "sv": "Använd knapparna i bubblan i webbläsaren. Ctrl-C avslutar.",
        "en": "Use the buttons in the bubble in the browser. Ctrl-C quits.",
    },
    "choose": {
        "nb": "Eller velg: {options}",
        "sv": "Eller välj: {options}",
        "en": "Or choose: {options}",
    },
    "press_enter": {
        "nb": "Trykk Enter (eller «{label}» i boblen) når du er klar.",
        "sv": "Tryck Enter (eller ”{label}” i bubblan) när du är klar.",
        "en": 'Press Enter (or "{label}" in the bubble) when you are ready.',
    },
    "cant_find": {"nb": "Finner du det ikke?", "sv": "Hittar du det inte?", "en": "Can't find it?"},
    "btn_back": {"nb": "Tilbake", "sv": "Tillbaka", "en": "Back"},
    "btn_skip": {"nb": "Hopp over", "sv": "Hoppa över", "en": "Skip"},
    "btn_retry": {"nb": "Prøv igjen", "sv": "Försök igen", "en": "Try again"},
    "btn_quit": {"nb": "Avslutt", "sv": "Avsluta", "en": "Quit"},
    "not_found": {
        "nb": "Jeg finner ikke «{name}» på denne siden.",
        "sv": "Jag hittar inte ”{name}” på den här sidan.",
        "en": 'I can\'t find "{name}" on this page.',
    },
    "not_found_thing": {
        "nb": "Jeg finner ikke {thing} på denne siden.",
        "sv": "Jag hittar inte {thing} på den här sidan.",
        "en": "I can't find {thing} on this page.",
    },
    "not_found_unnamed": {
        "nb": "Jeg finner ikke det jeg skal markere på denne siden.",
        "sv": "Jag hittar inte det jag ska markera på den här sidan.",
        "en": "I can't find what I need to outline on this page.",
    },
    "not_found_tips": {
        "nb": "Vent litt til siden er ferdig lastet, eller bla opp og ned på siden – jeg leter "
        "videre hele tiden. Du kan også trykke «Prøv igjen», hoppe over steget (s) hvis du "
        "allerede har gjort det, eller avslutte (q).",
        "sv": "Vänta tills sidan har laddats klart, eller scrolla upp och ner på sidan – jag "
        "fortsätter leta hela tiden. Du kan också klicka på ”Försök igen”, hoppa över steget (s) "
        "om du redan har gjort det, eller avsluta (q).",
        "en": "Wait until the page has finished loading, or scroll up and down the page – I keep "
        'looking all the time. You can also click "Try again", skip the step (s) if you have '
        "already done it, or quit (q).",
    },
    "found_again": {
        "nb": "Nå fant jeg det. Vi fortsetter.",
        "sv": "Nu hittade jag det. Vi fortsätter.",
        "en": "Found it now. Let's carry on.",
    },
    "drift_written": {
        "nb": "Et notat om at siden har endret seg, er lagret i {path}",
        "sv": "En anteckning om att sidan har ändrats har sparats i {path}",
        "en": "A note that the page has changed was saved in {path}",
    },
    "wrong_origin": {
        "nb": "Dette er ikke en Visma-side – ikke skriv inn passordet ditt her.",
        "sv": "Det här är inte en Visma-sida – skriv inte in ditt lösenord här.",
        "en": "This is not a Visma page – do not type your password here.",
    },
    "wrong_origin_detail": {
        "nb": "Nettleseren viser {address}. Gå tilbake (Tilbake-knappen i nettleseren) eller "
        "åpne {expected}, så fortsetter vi.",
        "sv": "Webbläsaren visar {address}. Gå tillbaka (bakåtknappen i webbläsaren) eller öppna "
        "{expected}, så fortsätter vi.",
        "en": "The browser shows {address}. Go back (the browser's Back button) or open "
        "{expected}, and we'll continue.",
    },
    "wrong_origin_tab_detail": {
        "nb": "Nettleseren viser {address} i en ny fane eller et nytt vindu. Lukk den, eller gå "
        "tilbake til fanen med {expected}, så fortsetter vi der.",
        "sv": "Webbläsaren visar {address} i en ny flik eller ett nytt fönster. Stäng den, eller "
        "gå tillbaka till fliken med {expected}, så fortsätter vi där.",
        "en": "The browser shows {address} in a new tab or window. Close it, or go back to the "
        "tab with {expected}, and we'll continue there.",
    },
    "back_on_origin": {
        "nb": "Tilbake på en Visma-side. Vi fortsetter.",
        "sv": "Tillbaka på en Visma-sida. Vi fortsätter.",
        "en": "Back on a Visma page. Let's carry on.",
    },
    "recognized": {
        "nb": "Denne siden hører til steg {n}. Vi fortsetter derfra.",
        "sv": "Den här sidan hör till steg {n}. Vi fortsätter därifrån.",
        "en": "This page belongs to step {n}. We'll continue from there.",
    },
    "elsewhere": {
        "nb": "Denne siden er ikke en del av veiledningen. Gå tilbake til {address} med "
        "Tilbake-knappen i nettleseren, så fortsetter vi.",
        "sv": "Den här sidan ingår inte i guiden. Gå tillbaka till {address} med bakåtknappen i "
        "webbläsaren, så fortsätter vi.",
        "en": "This page is not part of the guide. Go back to {address} with the browser's Back "
        "button, and we'll continue.",
    },
    "practice_mailbox": {
        "nb": "Øvingssiden: e-postene ligger i øvingsinnboksen. Åpne {address} i en ny fane.",
        "sv": "Övningssidan: mejlen finns i övningsinkorgen. Öppna {address} i en ny flik.",
        "en": "Practice site: the emails are in the practice inbox. Open {address} in a new tab.",
    },
    "on_mailbox": {
        "nb": "Dette er øvingsinnboksen. Åpne e-posten og lenken i den.",
        "sv": "Det här är övningsinkorgen. Öppna mejlet och länken i det.",
        "en": "This is the practice inbox. Open the email and the link in it.",
    },
    "waiting_address": {
        "nb": "Jeg venter til dette nettleservinduet viser {address} …",
        "sv": "Jag väntar tills det här webbläsarfönstret visar {address} …",
        "en": "Waiting until this browser window shows {address} …",
    },
    "skipped": {
        "nb": "Hoppet over steg {n}. Pass på at du har gjort det selv – ellers kan de neste "
        "stegene stoppe opp.",
        "sv": "Hoppade över steg {n}. Se till att du har gjort det själv – annars kan nästa steg "
        "stanna upp.",
        "en": "Skipped step {n}. Make sure you have done it yourself – otherwise the next steps "
        "may get stuck.",
    },
    "optional_skipped": {
        "nb": "«{title}» vises ikke her – det steget trengs ikke.",
        "sv": "”{title}” visas inte här – det steget behövs inte.",
        "en": '"{title}" is not shown here – that step is not needed.',
    },
    "optional_skipped_thing": {
        "nb": "Jeg ser ikke {thing} her, så det steget trengs ikke.",
        "sv": "Jag ser inte {thing} här, så det steget behövs inte.",
        "en": "I don't see {thing} here, so that step isn't needed.",
    },
    "optional_skipped_unnamed": {
        "nb": "Steg {n} trengs ikke her, så vi hopper over det.",
        "sv": "Steg {n} behövs inte här, så vi hoppar över det.",
        "en": "Step {n} isn't needed here, so we'll skip it.",
    },
    "back": {
        "nb": "Tilbake til steg {n}.",
        "sv": "Tillbaka till steg {n}.",
        "en": "Back to step {n}.",
    },
    "no_help": {
        "nb": "Gjør det boblen sier. Finner du ikke det som er markert, bla på siden eller vent "
        "litt.",
        "sv": "Gör det som bubblan säger. Hittar du inte det markerade, scrolla på sidan eller "
        "vänta lite.",
        "en": "Do what the bubble says. If you can't see what is outlined, scroll the page or "
        "wait a moment.",
    },
    "chose": {"nb": "Du valgte: {label}", "sv": "Du valde: {label}", "en": "You chose: {label}"},
    "finished": {
        "nb": "Ferdig! Du har gått gjennom alle stegene.",
        "sv": "Klart! Du har gått igenom alla steg.",
        "en": "Done! You have been through all the steps.",
    },
    "quit": {
        "nb": "Avsluttet. Ingenting mer skjer i nettleseren; du kan lukke den.",
        "sv": "Avslutat. Inget mer händer i webbläsaren; du kan stänga den.",
        "en": "Stopped. Nothing more happens in the browser; you can close it.",
    },
    "window_closed": {
        "nb": "Nettleservinduet ble lukket, så veiledningen stopper her. Kjør den samme "
        "kommandoen igjen for å fortsette.",
        "sv": "Webbläsarfönstret stängdes, så guiden slutar här. Kör samma kommando igen för att "
        "fortsätta.",
        "en": "The browser window was closed, so the guide stops here. Run the same command "
        "again to carry on.",
    },
    "time_limit": {
        "nb": "Stoppet etter {seconds:g} sekunder. Ingenting mer skjer i nettleseren.",
        "sv": "Stoppade efter {seconds:g} sekunder. Inget mer händer i webbläsaren.",
        "en": "Stopped after {seconds:g} seconds. Nothing more happens in the browser.",
    },
    "interrupted": {
        "nb": "Avbrutt (Ctrl-C). Ingenting mer skjer i nettleseren.",
        "sv": "Avbrutet (Ctrl-C). Inget mer händer i webbläsaren.",
        "en": "Interrupted (Ctrl-C). Nothing more happens in the browser.",
    },
    "crashed": {
        "nb": "Siden i nettleseren krasjet. Kjør den samme kommandoen igjen for å starte på nytt.",
        "sv": "Sidan i webbläsaren kraschade. Kör samma kommando igen för att börja om.",
        "en": "The page in the browser crashed. Run the same command again to start over.",
    },
    "no_display": {
        "nb": "Fant ingen skjerm å vise nettleseren på. guide-runner {command} trenger et synlig "
        "nettleservindu; kjør den på en maskin med skjerm.",
        "sv": "Hittade ingen skärm att visa webbläsaren på. guide-runner {command} behöver ett "
        "synligt webbläsarfönster; kör det på en dator med skärm.",
        "en": "No display to show the browser on. guide-runner {command} needs a visible browser "
        "window; run it on a computer with a screen.",
    },
    "no_display_demo": {
        "nb": "Kjør den uten --headed, så spilles den av i bakgrunnen og du får rapporten.",
        "sv": "Kör det utan --headed, så spelas det upp i bakgrunden och du får rapporten.",
        "en": "Run it without --headed to play it in the background and get the report.",
    },
    "demo_summary": {
        "nb": "{done} steg gjort, {not_needed} trengtes ikke, {seconds} s",
        "sv": "{done} steg gjorda, {not_needed} behövdes inte, {seconds} s",
        "en": "{done} steps done, {not_needed} not needed, {seconds} s",
    },
    "param_example": {
        "nb": "(for eksempel https://kommune.visma.no)",
        "sv": "(till exempel https://kommune.visma.no)",
        "en": "(for example https://kommune.visma.no)",
    },
    "param_not_https": {
        "nb": "Adressen må begynne med https:// – prøv igjen.",
        "sv": "Adressen måste börja med https:// – försök igen.",
        "en": "The address must start with https:// – please try again.",
    },
    "param_has_path": {
        "nb": "Skriv bare selve adressen, uten noe bak den (for eksempel "
        "https://kommune.visma.no) – prøv igjen.",
        "sv": "Skriv bara själva adressen, utan något efter den (till exempel "
        "https://kommune.visma.no) – försök igen.",
        "en": "Type just the address, with nothing after it (for example "
        "https://kommune.visma.no) – please try again.",
    },
    "param_not_address": {
        "nb": "Det ser ikke ut som en nettadresse. Skriv den slik: https://kommune.visma.no – "
        "prøv igjen.",
        "sv": "Det ser inte ut som en webbadress. Skriv den så här: https://kommune.visma.no – "
        "försök igen.",
        "en": "That does not look like a web address. Write it like this: "
        "https://kommune.visma.no – please try again.",
    },
    "practice_banner": {
        "nb": "Øvingsmodus: alt skjer på en kopi av Visma-sidene på din egen maskin.",
        "sv": "Övningsläge: allt sker på en kopia av Visma-sidorna på din egen dator.",
        "en": "Practice mode: everything happens on a copy of the Visma pages on your own machine.",
    },
    "you_do_it": {
        "nb": "Du gjør alt selv i nettleseren; jeg viser bare hvor.",
        "sv": "Du gör allt själv i webbläsaren; jag visar bara var.",
        "en": "You do everything yourself in the browser; I only show you where.",
    },
    "done_mark": {"nb": "ferdig", "sv": "klart", "en": "done"},
    "skipped_mark": {"nb": "hoppet over", "sv": "överhoppat", "en": "skipped"},
    "open_failed": {
        "nb": "Klarte ikke å åpne {address}. Sjekk at du er koblet til internett.",
        "sv": "Kunde inte öppna {address}. Kontrollera att du är ansluten till internet.",
        "en": "Could not open {address}. Check that you are connected to the internet.",
    },
    "typed_enter": {
        "nb": "Jeg kan ikke se om feltet er fylt ut. Trykk Enter (eller «Ferdig» i boblen) når "
        "du har skrevet det inn.",
        "sv": "Jag kan inte se om fältet är ifyllt. Tryck Enter (eller ”Klar” i bubblan) när du "
        "har skrivit in det.",
        "en": 'I cannot tell whether the field is filled in. Press Enter (or "Done" in the '
        "bubble) when you have typed it.",
    },
    "btn_typed": {"nb": "Ferdig", "sv": "Klar", "en": "Done"},
    "help_title": {"nb": "Hjelp", "sv": "Hjälp", "en": "Help"},
}


def say(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English when the language is missing)."""
    table = _MESSAGES[key]
    template = table.get(lang) or table["en"]
    return template.format(**values)


def keys() -> list[str]:
    return list(_MESSAGES)


def catalog() -> dict[str, dict[str, str]]:
    return {k: dict(v) for k, v in _MESSAGES.items()}
