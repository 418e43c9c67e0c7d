drop index orders_note;
